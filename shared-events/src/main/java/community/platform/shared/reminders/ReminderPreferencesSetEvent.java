package community.platform.shared.reminders;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/** A resident's reminder preferences, as they set them last; the address is theirs, and erased with them. */
@Revision("1")
public record ReminderPreferencesSetEvent(String username, @PersonalData(subject = "username") String email,
                                          boolean emailEnabled, boolean smsEnabled, int hoursBefore,
                                          String language) {
}
