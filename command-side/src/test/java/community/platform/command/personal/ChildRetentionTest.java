package community.platform.command.personal;

import community.platform.command.eventstore.personal.TestSecret;
import community.platform.command.handling.OwnCommits;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.Period;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a child's data is to be erased: the retention period after the last session of a course they were asked into
 * (so a request refused or withdrawn, or a course that never completes, still ends in an erasure), and after the
 * completion of a course that recorded them.
 */
class ChildRetentionTest {

    private static final Instant LAST_SESSION_ENDS = Instant.parse("2027-06-20T09:00:00Z");
    private static final Instant COMPLETED = Instant.parse("2027-06-27T02:00:00Z");

    private final ChildIds childIds = new ChildIds(TestSecret.SECRET);
    private RecordingCommandBus bus;
    private ChildRetention retention;

    @BeforeEach
    void handler() {
        bus = new RecordingCommandBus();
        retention = new ChildRetention(new OwnCommits(DefaultCommandGateway.builder().commandBus(bus).build(),
                                                      Runnable::run), childIds, Period.ofMonths(12));
    }

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void askingToEnrollAChildSchedulesTheErasureAfterTheCoursesLastSession() {
        String childId = childIds.of("lihua", "Li Xiaoming");
        retention.on(new EnrollmentRequestedEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3, "Paper cutting", List.of(
                new CourseSession(2, LAST_SESSION_ENDS.minusSeconds(5400), LAST_SESSION_ENDS, "Room 2"),
                new CourseSession(1, Instant.parse("2027-06-13T07:30:00Z"), Instant.parse("2027-06-13T09:00:00Z"),
                                  "Room 2")), true, "2026-11", childId));

        assertThat(sent()).containsExactly(new ScheduleChildDataErasureCommand(
                "retention-" + childId, childId, "lihua", "e-1", Instant.parse("2028-06-20T09:00:00Z")));
    }

    @Test
    void aCompletedCourseSchedulesEveryChildItRecordedButNoneErasedAlready() {
        retention.on(new CourseCompletedEvent("course-1", 8, List.of(
                new CourseCompletion("e-1", "lihua", "Li Xiaoming", 8, 8, true),
                new CourseCompletion("e-2", "wangfang", PersonalData.ERASED, 2, 8, false))), COMPLETED);

        String childId = childIds.of("lihua", "Li Xiaoming");
        assertThat(sent()).containsExactly(new ScheduleChildDataErasureCommand(
                "retention-" + childId, childId, "lihua", "e-1", Instant.parse("2028-06-27T02:00:00Z")));
    }

    @Test
    void requestsFromBeforeChildrenHadIdsOrWithoutSessionsScheduleNothing() {
        retention.on(new EnrollmentRequestedEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3, "Paper cutting",
                                                  List.of(new CourseSession(1, COMPLETED, COMPLETED, "Room 2"))));
        retention.on(new EnrollmentRequestedEvent("course-1", "e-2", "lihua", "Li Xiaoming", 3, "Paper cutting",
                                                  List.of(), true, "2026-11", childIds.of("lihua", "Li Xiaoming")));

        assertThat(sent()).isEmpty();
    }
}
