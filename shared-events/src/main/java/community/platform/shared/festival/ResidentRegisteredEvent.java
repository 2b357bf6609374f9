package community.platform.shared.festival;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/** A place, with the inputs of that decision. */
@Revision("1")
public record ResidentRegisteredEvent(String eventId, String resident, @PersonalData(subject = "resident") String displayName, int capacity,
                                      int registeredBefore) implements FestivalEventEvent {
}
