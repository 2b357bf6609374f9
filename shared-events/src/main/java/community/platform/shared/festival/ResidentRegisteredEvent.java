package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

/** A place, with the inputs of that decision. */
@Revision("1")
public record ResidentRegisteredEvent(String eventId, String resident, String displayName, int capacity,
                                      int registeredBefore) implements FestivalEventEvent {
}
