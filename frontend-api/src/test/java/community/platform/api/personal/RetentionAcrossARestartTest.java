package community.platform.api.personal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import community.platform.PlatformApplication;
import community.platform.command.personal.ChildIds;
import community.platform.shared.courses.CompleteCourseCommand;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.personal.ChildDataNotice;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child's data is erased by itself once the retention period after their course is over, exactly once: the
 * platform restarted on the same store, with the check running again and again, erases nothing a second time.
 */
class RetentionAcrossARestartTest {

    private static final String COURSE = "course-retention";
    private static final String CHILD = "Retention Child Xiaoyu";

    @TempDir
    Path data;
    private final Clock realClock = GenericEventMessage.clock;
    private int storePort;

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = realClock;
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0", "platform.store.port=" + storePort,
                            "platform.personal-data.child-retention=P30D",
                            "platform.personal-data.retention-check=PT0.5S",
                            "platform.personal-data.retention-check-delay=PT0.5S")
                .run();
    }

    private static List<PersonalDataErasedEvent> erasures(EventStore events, String retentionId) {
        return events.readEvents(retentionId).asStream().map(Message::getPayload)
                     .filter(PersonalDataErasedEvent.class::isInstance).map(PersonalDataErasedEvent.class::cast)
                     .toList();
    }

    private List<String> whereFound(String text) {
        List<String> found = new ArrayList<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            for (String database : client.listDatabaseNames()) {
                for (String collection : client.getDatabase(database).listCollectionNames()) {
                    for (Document document : client.getDatabase(database).getCollection(collection).find()) {
                        if (document.toJson().contains(text)) {
                            found.add(database + "." + collection);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aChildsDataIsErasedOnceTheRetentionPeriodIsOverAndOnlyOnceAcrossARestart() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            storePort = free.getLocalPort();
        }
        Instant day = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        String retentionId;
        try (ConfigurableApplicationContext platform = start()) {
            CommandGateway commands = platform.getBean(CommandGateway.class);
            EventStore events = platform.getBean(EventStore.class);
            retentionId = ScheduleChildDataErasureCommand.of(platform.getBean(ChildIds.class).of("lihua", CHILD));
            commands.sendAndWait(new CreateCourseCommand(COURSE, "zhang", "Paper cutting", "", "Teacher Wu", 1, 6, 10,
                                                         List.of(new CourseSession(0, day, day.plus(Duration.ofMinutes(
                                                                 90)), "Room 2"))));
            commands.sendAndWait(new PublishCourseCommand(COURSE, "zhang"));
            commands.sendAndWait(new EnrollChildCommand(COURSE, "e-1", "lihua", CHILD, 3, true,
                                                        ChildDataNotice.VERSION));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> whereFound(CHILD).contains(
                    "platform.courseViews"));

            // the course completes after its session; 30 days later, its child's data is due
            GenericEventMessage.clock = Clock.offset(realClock, Duration.ofDays(3));
            commands.sendAndWait(new CompleteCourseCommand(COURSE, "zhang"));
            Thread.sleep(2000);
            assertThat(erasures(events, retentionId)).as("not before its time").isEmpty();

            GenericEventMessage.clock = Clock.offset(realClock, Duration.ofDays(34));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                      .untilAsserted(() -> assertThat(erasures(events, retentionId)).hasSize(1));
            PersonalDataErasedEvent erased = erasures(events, retentionId).get(0);
            assertThat(erased.erasedBy()).isEqualTo("retention");
            assertThat(erased.keyIds()).hasSize(1);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                      .untilAsserted(() -> assertThat(whereFound(CHILD)).isEmpty());
        }

        try (ConfigurableApplicationContext platform = start()) {
            EventStore events = platform.getBean(EventStore.class);
            Thread.sleep(3000); // the check runs every half second: several times by now
            assertThat(erasures(events, retentionId)).as("erased once, across the restart").hasSize(1);
            assertThat(whereFound(CHILD)).isEmpty();
        }
    }
}
