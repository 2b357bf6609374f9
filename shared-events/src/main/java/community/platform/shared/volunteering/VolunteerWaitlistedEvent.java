package community.platform.shared.volunteering;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/** The post was full: a place in the queue, with the inputs of that decision and the request it decides. */
@Revision("1")
public record VolunteerWaitlistedEvent(String postId, String volunteer, @PersonalData(subject = "volunteer") String displayName, int capacity,
                                       int confirmed, int position, String requestId) implements VolunteerPostEvent {
    public VolunteerWaitlistedEvent(String postId, String volunteer, String displayName, int capacity, int confirmed,
                                    int position) {
        this(postId, volunteer, displayName, capacity, confirmed, position, null);
    }
}
