package community.platform.api.reminders;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import community.platform.PlatformApplication;
import community.platform.shared.accounts.RegisterAccountCommand;
import community.platform.shared.reminders.SetReminderPreferencesCommand;
import community.platform.shared.volunteering.PublishVolunteerPostCommand;
import community.platform.shared.volunteering.SignUpVolunteerCommand;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reminder reaches a real SMTP server (GreenMail, in-process) and is read there: once, in the resident's language,
 * and not again after the platform restarts on the same store with the check running again and again.
 */
class RemindersOverSmtpTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path data;
    private int storePort;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0", "platform.store.port=" + storePort,
                            "spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP.getSmtp().getPort(),
                            "platform.reminders.from=reminders@community.example",
                            "platform.reminders.check=PT0.5S", "platform.reminders.check-delay=PT0.5S")
                .run();
    }

    @Test
    void aDutyIsRemindedOnceOverSmtpInTheResidentsLanguageAndNotAgainAfterARestart() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            storePort = free.getLocalPort();
        }
        Instant starts = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        try (ConfigurableApplicationContext platform = start()) {
            CommandGateway commands = platform.getBean(CommandGateway.class);
            commands.sendAndWait(new RegisterAccountCommand("lihua", "李华", "13800138000"));
            commands.sendAndWait(new SetReminderPreferencesCommand("lihua", "lihua@example.cn", true, false, 24, "zh"));
            commands.sendAndWait(new PublishVolunteerPostCommand("post-remind", "zhang", "健康守护岗", null,
                                                                 "health safeguarding", "社区卫生站", starts,
                                                                 starts.plus(Duration.ofHours(2)), 5, null, List.of()));
            commands.sendAndWait(new SignUpVolunteerCommand("post-remind", "lihua"));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length >= 1);
            Thread.sleep(2000); // the check runs every half second: several times by now
            MimeMessage[] received = SMTP.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("lihua@example.cn");
            assertThat(received[0].getFrom()[0].toString()).isEqualTo("reminders@community.example");
            assertThat(received[0].getSubject()).contains("健康守护岗");
            assertThat((String) received[0].getContent()).contains("健康守护岗", "社区卫生站", "北京时间");
            assertThat(received[0].getMessageID()).matches("<reminder-[0-9a-f]{32}@community-platform>");
        }

        try (ConfigurableApplicationContext platform = start()) {
            Thread.sleep(3000);
            assertThat(SMTP.getReceivedMessages()).as("sent once, across the restart").hasSize(1);
        }
    }
}
