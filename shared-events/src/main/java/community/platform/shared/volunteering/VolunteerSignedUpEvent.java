package community.platform.shared.volunteering;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A confirmed seat, with the inputs of that decision: the capacity and how many seats were taken before; and the
 * request it decides (none before requests had ids). The display name is no longer recorded here: readers take it
 * from the account.
 */
@Revision("1")
public record VolunteerSignedUpEvent(String postId, String volunteer, @PersonalData(subject = "volunteer") String displayName, int capacity,
                                     int confirmedBefore, String requestId) implements VolunteerPostEvent {
    public VolunteerSignedUpEvent(String postId, String volunteer, String displayName, int capacity,
                                  int confirmedBefore) {
        this(postId, volunteer, displayName, capacity, confirmedBefore, null);
    }
}
