package community.platform.api.courses;

import community.platform.PlatformApplication;
import community.platform.api.storage.EmbeddedStore;
import community.platform.shared.courses.ChildScheduleEvent;
import community.platform.shared.courses.Children;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseSlotsMovedEvent;
import community.platform.shared.courses.CourseSlotsReleasedEvent;
import community.platform.shared.courses.CourseSlotsReservedEvent;
import community.platform.shared.courses.FindGuardianCoursesQuery;
import community.platform.shared.courses.WithdrawEnrollmentCommand;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written before enrollments were a process ({@code stores/store-before-typed-streams.mv}: demo-resident
 * enrolled 李小明, and the HTTP layer held the child's time). The enrollment process reads that store from its start
 * and sends nothing for it; withdrawing the child later hands the old hold to the process, which gives it back.
 */
class EnrollmentBeforeTheProcessTest {

    private static final String GUARDIAN = "demo-resident";
    private static final String CHILD = "李小明";

    @TempDir
    Path data;

    @Test
    void anEnrollmentMadeBeforeTheProcessIsLeftAloneAndItsTimeGivenBackOnWithdrawal() throws Exception {
        try (InputStream old = getClass().getResourceAsStream("/stores/store-before-typed-streams.mv")) {
            Files.copy(old, data.resolve(EmbeddedStore.FILE_NAME));
        }
        int storePort;
        try (ServerSocket free = new ServerSocket(0)) {
            storePort = free.getLocalPort();
        }
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0", "platform.store.port=" + storePort)
                .run()) {
            awaitUp(platform);
            EventStore events = platform.getBean(EventStore.class);
            String schedule = Children.scheduleOf(GUARDIAN, CHILD);
            // caught up over the whole old log: the child's schedule is as the old release left it
            assertThat(schedule(events, schedule)).isNotEmpty().allSatisfy(event -> assertThat(version(event)).isNull());

            CourseDetails course = platform.getBean(QueryGateway.class)
                                           .query(new FindGuardianCoursesQuery(GUARDIAN),
                                                  ResponseTypes.multipleInstancesOf(CourseDetails.class)).join()
                                           .stream().filter(c -> c.enrollment(enrollmentOf(c)).isPresent())
                                           .findFirst().orElseThrow();
            platform.getBean(CommandGateway.class).sendAndWait(new WithdrawEnrollmentCommand(
                    course.id(), enrollmentOf(course), GUARDIAN));

            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<ChildScheduleEvent> now = schedule(events, schedule);
                assertThat(now.get(now.size() - 1)).isInstanceOf(CourseSlotsReleasedEvent.class)
                                                   .extracting(e -> ((CourseSlotsReleasedEvent) e).courseId())
                                                   .isEqualTo(course.id());
            });
        }
    }

    private static String enrollmentOf(CourseDetails course) {
        return java.util.stream.Stream.concat(course.enrolled().stream(), course.waitlist().stream())
                                      .filter(e -> e.guardian().equals(GUARDIAN) && e.childName().equals(CHILD))
                                      .map(CourseDetails.Enrollment::enrollmentId).findFirst().orElse("none");
    }

    private static List<ChildScheduleEvent> schedule(EventStore events, String schedule) {
        return events.readEvents(schedule).asStream().map(Message::getPayload)
                     .map(ChildScheduleEvent.class::cast).toList();
    }

    private static Long version(ChildScheduleEvent event) {
        if (event instanceof CourseSlotsReservedEvent reserved) {
            return reserved.courseVersion();
        }
        if (event instanceof CourseSlotsMovedEvent moved) {
            return moved.courseVersion();
        }
        return ((CourseSlotsReleasedEvent) event).courseVersion();
    }

    private static void awaitUp(ConfigurableApplicationContext platform) {
        WebTestClient web = WebTestClient.bindToServer()
                                         .baseUrl("http://127.0.0.1:" + platform.getEnvironment()
                                                                                .getProperty("local.server.port"))
                                         .responseTimeout(Duration.ofSeconds(30)).build();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                  .until(() -> web.get().uri("/actuator/health").exchange().returnResult(String.class)
                                  .getStatus().value() == 200);
    }
}
