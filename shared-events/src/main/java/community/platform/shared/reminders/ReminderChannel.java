package community.platform.shared.reminders;

/**
 * Where reminders go: the seam for a channel. The platform has two, e-mail through an SMTP server (when
 * {@code spring.mail.host} is set) and SMS, whose platform default only logs that one would be sent (no number, no
 * text). A deployment with an SMS gateway provides its own bean of this interface named {@code sms}: {@link #send}
 * returns once the gateway has accepted the message, and throws when it has not, so the reminder is tried again at
 * the next check.
 */
public interface ReminderChannel {

    /** {@code email} or {@code sms}: the preference that turns the channel on or off. */
    String name();

    /** Whether this channel can reach the resident at all (an address, a phone). */
    boolean reaches(Reminder reminder);

    void send(Reminder reminder);
}
