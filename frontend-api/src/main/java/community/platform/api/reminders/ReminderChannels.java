package community.platform.api.reminders;

import community.platform.shared.reminders.ReminderChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The channels reminders go out by here: said once at start, so an operator sees a missing SMTP server before anyone
 * misses a reminder, and asked by the preferences page, which offers only those there are.
 */
@Component
public class ReminderChannels {

    private static final Logger log = LoggerFactory.getLogger(ReminderChannels.class);

    private final List<ReminderChannel> channels;
    private final EmailReminders email;

    ReminderChannels(List<ReminderChannel> channels, EmailReminders email) {
        this.channels = channels;
        this.email = email;
    }

    /** The names of the channels that can send: {@code email} once an SMTP server is set, {@code sms} if added. */
    public List<String> active() {
        return channels.stream().filter(c -> c != email || email.configured()).map(ReminderChannel::name).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        List<String> active = active();
        if (email.configured() && email.defaultSender()) {
            log.warn("Reminder e-mails are sent from {}, which mail servers often refuse: set platform.reminders.from",
                     EmailReminders.DEFAULT_FROM);
        }
        if (active.isEmpty()) {
            log.info("Reminders are not sent: no channel is configured (set spring.mail.host for e-mail; an SMS gateway "
                             + "is a ReminderChannel bean, see docs/reminders.md)");
        } else {
            log.info("Reminders go out by {}", String.join(" and ", active));
        }
    }
}
