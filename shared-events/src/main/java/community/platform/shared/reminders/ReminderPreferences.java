package community.platform.shared.reminders;

/** How a resident is reminded; {@link #DEFAULT} until they say otherwise. */
public record ReminderPreferences(String email, boolean emailEnabled, boolean smsEnabled, int hoursBefore,
                                  String language) {

    public static final int MIN_HOURS = 1;
    public static final int MAX_HOURS = 72;

    /** Both channels on (e-mail once an address is given, SMS to the account's phone), a day before, in Chinese. */
    public static final ReminderPreferences DEFAULT = new ReminderPreferences(null, true, true, 24, "zh");
}
