package community.platform.shared.reminders;

/**
 * Where reminders go: the seam for a channel. The platform has one, e-mail through an SMTP server (when
 * {@code spring.mail.host} is set). A deployment with an SMS gateway adds a Spring bean of this interface whose
 * {@link #name()} is {@code sms}: {@link #send} returns once the gateway has accepted the message, and throws when it
 * has not, so the reminder is tried again later (docs/reminders.md).
 */
public interface ReminderChannel {

    /** {@code email} or {@code sms}: the preference that turns the channel on or off. */
    String name();

    /** Whether this channel can reach the resident at all (an address, a phone). */
    boolean reaches(Reminder reminder);

    void send(Reminder reminder);
}
