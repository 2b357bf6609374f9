package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

/** The post was full: a place in the queue, with the inputs of that decision. */
@Revision("1")
public record VolunteerWaitlistedEvent(String postId, String volunteer, String displayName, int capacity,
                                       int confirmed, int position) implements VolunteerPostEvent {
}
