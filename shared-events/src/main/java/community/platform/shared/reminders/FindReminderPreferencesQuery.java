package community.platform.shared.reminders;

/** Answered with the resident's {@link ReminderPreferences}, the default ones when they set none. */
public record FindReminderPreferencesQuery(String username) {
}
