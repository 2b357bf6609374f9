package community.platform.api.courses;

import community.platform.PlatformApplication;
import community.platform.command.personal.ChildIds;
import community.platform.shared.courses.Children;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSlotsMovedEvent;
import community.platform.shared.courses.CourseSlotsReleasedEvent;
import community.platform.shared.courses.CourseSlotsReservedEvent;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.EnrollmentDecision;
import community.platform.shared.courses.EnrollmentOutcome;
import community.platform.shared.courses.FindEnrollmentDecisionQuery;
import community.platform.shared.courses.MoveCourseSlotsCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.courses.RescheduleCourseSessionCommand;
import community.platform.shared.courses.TimeSpan;
import community.platform.shared.courses.WithdrawEnrollmentCommand;
import community.platform.shared.personal.ChildDataNotice;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session moves, and the platform dies between the enrollment processes' steps: two children's held time has moved,
 * the other two children's not (every later move fails), and neither the processes' state nor their tokens were
 * stored. The next start, on the same store, finishes the move with no one asking: every child's time follows the
 * session, each exactly once, and a withdrawal afterwards gives the time back.
 */
class SessionMoveAfterACrashTest {

    private static final String COURSE = "course-crash";
    private static final int CHILDREN = 4;
    private static final int MOVED_BEFORE_THE_CRASH = 2;

    @TempDir
    Path data;

    @Test
    void aSessionMoveInterruptedBetweenStepsIsFinishedAfterARestart() throws Exception {
        Instant firstDay = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
        List<CourseSession> sessions = IntStream.range(0, 3).mapToObj(week -> {
            Instant start = firstDay.plus(Duration.ofDays(7L * week));
            return new CourseSession(0, start, start.plus(Duration.ofMinutes(90)), "Room 2");
        }).toList();
        TimeSpan movedSecond = new TimeSpan(sessions.get(1).startsAt().plus(Duration.ofDays(1)),
                                            sessions.get(1).endsAt().plus(Duration.ofDays(1)));
        List<TimeSpan> after = List.of(sessions.get(0).span(), movedSecond, sessions.get(2).span());

        try (ConfigurableApplicationContext platform = start()) {
            CommandGateway commands = platform.getBean(CommandGateway.class);
            commands.sendAndWait(new CreateCourseCommand(COURSE, "zhang", "Paper cutting", "", "Teacher Wu", 1, 6, 10,
                                                         sessions));
            commands.sendAndWait(new PublishCourseCommand(COURSE, "zhang"));
            for (int child = 1; child <= CHILDREN; child++) {
                commands.sendAndWait(new EnrollChildCommand(COURSE, "e-" + child, guardian(child), name(child), 3,
                                                                   true, ChildDataNotice.VERSION));
            }
            QueryGateway queries = platform.getBean(QueryGateway.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (int child = 1; child <= CHILDREN; child++) {
                    assertThat(decision(queries, "e-" + child)).hasValueSatisfying(
                            d -> assertThat(d.outcome().status()).isEqualTo(EnrollmentOutcome.Status.ENROLLED));
                }
            });

            // the process dies as it sends its third move: the first two have committed, nothing after them runs
            AtomicInteger moves = new AtomicInteger();
            CountDownLatch died = new CountDownLatch(1);
            platform.getBean(CommandBus.class).registerHandlerInterceptor(
                    (MessageHandlerInterceptor<CommandMessage<?>>) (unitOfWork, chain) -> {
                        if (unitOfWork.getMessage().getPayload() instanceof MoveCourseSlotsCommand
                                && moves.incrementAndGet() > MOVED_BEFORE_THE_CRASH) {
                            died.countDown();
                            throw new IllegalStateException("the process dies here");
                        }
                        return chain.proceed();
                    });
            commands.sendAndWait(new RescheduleCourseSessionCommand(COURSE, "zhang", 2, movedSecond, null, "fair"));
            assertThat(died.await(60, TimeUnit.SECONDS)).isTrue();

            EventStore events = platform.getBean(EventStore.class);
            // enrollments' processes run side by side: a move begun on another thread may still be committing
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    IntStream.rangeClosed(1, CHILDREN).filter(child -> held(events, child).equals(after)))
                    .hasSize(MOVED_BEFORE_THE_CRASH));
        }

        try (ConfigurableApplicationContext platform = start()) {
            EventStore events = platform.getBean(EventStore.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (int child = 1; child <= CHILDREN; child++) {
                    assertThat(held(events, child)).as("child %d's held time", child).isEqualTo(after);
                }
            });
            for (int child = 1; child <= CHILDREN; child++) {
                assertThat(payloads(events, child)).filteredOn(CourseSlotsMovedEvent.class::isInstance).hasSize(1);
            }

            platform.getBean(CommandGateway.class).sendAndWait(new WithdrawEnrollmentCommand(COURSE, "e-1",
                                                                                              guardian(1)));
            Awaitility.await().atMost(Duration.ofSeconds(60))
                      .untilAsserted(() -> assertThat(held(events, 1)).isEmpty());
            assertThat(held(events, 2)).isEqualTo(after);
        }
    }

    /** Children's ids, as the platform makes them (under the server secret kept in the data folder). */
    private static ChildIds childIds;

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0")
                .run();
        childIds = platform.getBean(ChildIds.class);
        return platform;
    }

    private static String guardian(int child) {
        return "guardian-" + child;
    }

    private static String name(int child) {
        return "Child " + child;
    }

    private static Optional<EnrollmentDecision> decision(QueryGateway queries, String enrollmentId) {
        return queries.query(new FindEnrollmentDecisionQuery(COURSE, enrollmentId),
                             ResponseTypes.optionalInstanceOf(EnrollmentDecision.class)).join();
    }

    private static List<Object> payloads(EventStore events, int child) {
        return events.readEvents(Children.scheduleOf(childIds.of(guardian(child), name(child)))).asStream()
                     .<Object>map(Message::getPayload).toList();
    }

    /** The time the child's schedule holds for the course, as its events leave it. */
    private static List<TimeSpan> held(EventStore events, int child) {
        List<TimeSpan> held = new ArrayList<>();
        for (Object event : payloads(events, child)) {
            if (event instanceof CourseSlotsReservedEvent reserved && COURSE.equals(reserved.courseId())) {
                held = reserved.sessions();
            } else if (event instanceof CourseSlotsMovedEvent moved && COURSE.equals(moved.courseId())) {
                held = moved.sessions();
            } else if (event instanceof CourseSlotsReleasedEvent released && COURSE.equals(released.courseId())) {
                held = List.of();
            }
        }
        return held;
    }
}
