package community.platform.api.reminders;

import community.platform.shared.reminders.ReminderChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Says once, at start, how reminders go out here, so an operator sees a missing SMTP server before anyone misses one. */
@Component
class ReminderChannels {

    private static final Logger log = LoggerFactory.getLogger(ReminderChannels.class);

    private final List<ReminderChannel> channels;
    private final EmailReminders email;

    ReminderChannels(List<ReminderChannel> channels, EmailReminders email) {
        this.channels = channels;
        this.email = email;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        List<String> active = channels.stream().filter(c -> c != email || email.configured())
                                      .map(ReminderChannel::name).toList();
        if (active.isEmpty()) {
            log.info("Reminders are not sent: no channel is configured (set spring.mail.host for e-mail; an SMS gateway "
                             + "is a ReminderChannel bean, see docs/reminders.md)");
        } else {
            log.info("Reminders go out by {}", String.join(" and ", active));
        }
    }
}
