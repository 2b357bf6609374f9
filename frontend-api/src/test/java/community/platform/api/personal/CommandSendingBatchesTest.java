package community.platform.api.personal;

import community.platform.ApiTest;
import community.platform.command.personal.ChildIds;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.personal.ChildDataNotice;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor whose handlers send commands waits for each command's commit, so its batches are kept small: one that
 * fell behind in an enrollment rush took 200 requests in one batch, which ran 30 s while Axon warned every second that
 * it would interrupt it at 60 s. Here 100 requests wait for the retention process while it is stopped.
 */
class CommandSendingBatchesTest extends ApiTest {

    private static final int REQUESTS = 100;

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private EventStore events;
    @Autowired
    private ChildIds childIds;

    @Test
    void theChildRetentionProcessCatchesUpOnARushInBatchesOfAtMostSixtyFour() {
        String course = unique("course-batches");
        Instant day = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        commands.sendAndWait(new CreateCourseCommand(course, "zhang", "Paper cutting", "", "Teacher Wu", 1, 6, 10,
                                                     List.of(new CourseSession(0, day, day.plusSeconds(5400),
                                                                               "Room 2"))));
        commands.sendAndWait(new PublishCourseCommand(course, "zhang"));
        PooledStreamingEventProcessor retention = processing.eventProcessor("child-data-retention",
                                                                            PooledStreamingEventProcessor.class)
                                                            .orElseThrow();
        Map<String, Integer> batchOf = new ConcurrentHashMap<>();
        Registration watching = retention.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof EnrollmentRequestedEvent request
                    && request.courseId().equals(course)) {
                batchOf.put(request.enrollmentId(), ((BatchingUnitOfWork<?>) unitOfWork).getMessages().size());
            }
            return chain.proceed();
        });
        retention.shutDown();
        try {
            IntStream.range(0, REQUESTS).forEach(n -> commands.sendAndWait(new EnrollChildCommand(
                    course, "e-" + n, "guardian-" + n, "Child " + n, 3, true, ChildDataNotice.VERSION)));
        } finally {
            retention.start();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> batchOf.size() == REQUESTS);
        watching.cancel();
        assertThat(batchOf.values()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(64));
        String lastChild = ScheduleChildDataErasureCommand.of(childIds.of("guardian-" + (REQUESTS - 1),
                                                                          "Child " + (REQUESTS - 1)));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                  .until(() -> events.readEvents(lastChild).asStream().findAny().isPresent());
    }
}
