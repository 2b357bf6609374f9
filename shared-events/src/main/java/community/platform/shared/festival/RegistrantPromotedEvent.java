package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

/** The first in the queue took the freed place, in the same commit as the withdrawal. */
@Revision("1")
public record RegistrantPromotedEvent(String eventId, String resident, int capacity, int registeredBefore,
                                      int fromPosition) implements FestivalEventEvent {
}
