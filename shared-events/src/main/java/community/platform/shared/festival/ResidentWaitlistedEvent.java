package community.platform.shared.festival;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/** The event was full: a queue place, with the inputs of that decision. */
@Revision("1")
public record ResidentWaitlistedEvent(String eventId, String resident, @PersonalData(subject = "resident") String displayName, int capacity,
                                      int registered, int position) implements FestivalEventEvent {
}
