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
import org.springframework.test.util.ReflectionTestUtils;

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
 * fell behind in an enrollment rush took 200 requests in one batch and ran for half a minute, while Axon warned every
 * second that it would interrupt it at 60 s. The shared context sets {@code platform.processing.segments} for the
 * retention process, which the platform's own per-processor settings must not undo.
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
    void everyProcessorThatSendsCommandsTakesAtMostSixtyFourEventsABatchAndTheViewsTwoHundred() {
        for (String processor : List.of("child-data-retention", "child-erasure-withdrawals",
                                        "EnrollmentProcessProcessor", "PostDutiesSagaProcessor",
                                        "PostSeriesSagaProcessor", "VenueBookingSagaProcessor")) {
            assertThat(batchSize(processor)).as(processor).isEqualTo(64);
        }
        assertThat(batchSize("volunteer-posts")).isEqualTo(200);
    }

    private int batchSize(String processor) {
        return (int) ReflectionTestUtils.getField(
                processing.eventProcessor(processor, PooledStreamingEventProcessor.class).orElseThrow(), "batchSize");
    }

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
        String guardian = unique("guardian");
        Map<String, Integer> batchOf = new ConcurrentHashMap<>();
        Registration watching = retention.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof EnrollmentRequestedEvent request
                    && request.courseId().equals(course)) {
                batchOf.put(request.enrollmentId(), ((BatchingUnitOfWork<?>) unitOfWork).getMessages().size());
            }
            return chain.proceed();
        });
        try {
            retention.shutDown();
            try {
                IntStream.range(0, REQUESTS).forEach(n -> commands.sendAndWait(new EnrollChildCommand(
                        course, "e-" + n, guardian + "-" + n, "Child " + n, 3, true, ChildDataNotice.VERSION)));
            } finally {
                retention.start();
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> batchOf.size() == REQUESTS);
        } finally {
            watching.cancel();
        }
        assertThat(batchOf.values()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(64))
                                    .anySatisfy(size -> assertThat(size).isGreaterThan(1));
        String lastChild = ScheduleChildDataErasureCommand.of(childIds.of(guardian + "-" + (REQUESTS - 1),
                                                                          "Child " + (REQUESTS - 1)));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                  .until(() -> events.readEvents(lastChild).asStream().findAny().isPresent());
    }
}
