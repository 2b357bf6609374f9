package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

/**
 * The first in the queue took a freed seat, in the same commit as the withdrawal that freed it; with the inputs of
 * that decision. The rest of the queue moves up by one.
 */
@Revision("1")
public record VolunteerPromotedEvent(String postId, String volunteer, int capacity, int confirmedBefore,
                                     int fromPosition) implements VolunteerPostEvent {
}
