package community.platform.api.reminders;

import community.platform.api.web.LocalTime;
import community.platform.shared.reminders.Reminder;
import community.platform.shared.reminders.ReminderChannel;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Reminders by e-mail, through Spring's mail support to the SMTP server {@code spring.mail.host} names; none when it
 * names none. The text is in the resident's chosen language; the Message-ID is the reminder's key, so a reminder sent
 * again after a crash is the same message.
 */
@Component
class EmailReminders implements ReminderChannel {

    static final String DEFAULT_FROM = "reminders@community-platform.invalid";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JavaMailSender mail;
    private final MessageSource messages;
    private final String from;

    EmailReminders(ObjectProvider<JavaMailSender> mail, MessageSource messages,
                   @Value("${platform.reminders.from:" + DEFAULT_FROM + "}") String from) {
        this.mail = mail.getIfAvailable();
        this.messages = messages;
        this.from = from;
    }

    @Override
    public String name() {
        return "email";
    }

    /** Whether an SMTP server is configured at all. */
    boolean configured() {
        return mail != null;
    }

    boolean defaultSender() {
        return DEFAULT_FROM.equals(from);
    }

    @Override
    public boolean reaches(Reminder reminder) {
        return mail != null && reminder.email() != null && reminder.email().contains("@");
    }

    @Override
    public void send(Reminder reminder) throws MailException {
        Locale locale = Locale.forLanguageTag(reminder.language());
        Object[] args = {reminder.title(), WHEN.format(LocalTime.of(reminder.startsAt())), reminder.location(),
                         reminder.child(), reminder.session()};
        MimeMessage message = new KeptId(mail.createMimeMessage().getSession(),
                                         "<" + reminder.id() + "@community-platform>");
        try {
            message.setFrom(new InternetAddress(from));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(reminder.email()));
            message.setSubject(messages.getMessage("reminder.subject." + reminder.kind(), args, locale),
                               StandardCharsets.UTF_8.name());
            message.setText(messages.getMessage("reminder.body." + reminder.kind(), args, locale),
                            StandardCharsets.UTF_8.name());
        } catch (MessagingException e) {
            throw new MailPreparationException("The reminder " + reminder.id() + " could not be written", e);
        }
        mail.send(message);
    }

    /** A message whose Message-ID stays the one given (JavaMail would make a new one on every save). */
    private static final class KeptId extends MimeMessage {

        private final String id;

        KeptId(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
