package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

/** A confirmed seat, with the inputs of that decision: the capacity and how many seats were taken before. */
@Revision("1")
public record VolunteerSignedUpEvent(String postId, String volunteer, String displayName, int capacity,
                                     int confirmedBefore) implements VolunteerPostEvent {
}
