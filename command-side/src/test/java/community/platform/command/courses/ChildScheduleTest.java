package community.platform.command.courses;

import community.platform.command.eventstore.EventSerialization;
import community.platform.shared.ErrorCode;
import community.platform.shared.courses.CourseSlotsMovedEvent;
import community.platform.shared.courses.CourseSlotsReleasedEvent;
import community.platform.shared.courses.CourseSlotsReservedEvent;
import community.platform.shared.courses.MoveCourseSlotsCommand;
import community.platform.shared.courses.ReleaseCourseSlotsCommand;
import community.platform.shared.courses.ReserveCourseSlotsCommand;
import community.platform.shared.courses.TimeSpan;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static community.platform.command.handling.Violations.violationOf;
import static org.assertj.core.api.Assertions.assertThat;

class ChildScheduleTest {

    private static final String CHILD = "child-lihua/li xiaoming";
    private static final Instant MONDAY = Instant.parse("2027-03-01T07:30:00Z");
    private static final List<TimeSpan> MONDAYS = List.of(span(MONDAY, 90), span(MONDAY.plus(Duration.ofDays(7)), 90));
    private static final CourseSlotsReservedEvent PAPER_CUTTING =
            new CourseSlotsReservedEvent(CHILD, "course-1", "Paper cutting", MONDAYS, "e-1", 3L);
    /** Held through the HTTP layer, before the enrollment process: no enrollment, no course version. */
    private static final CourseSlotsReservedEvent HELD_BEFORE =
            new CourseSlotsReservedEvent(CHILD, "course-1", "Paper cutting", MONDAYS, null, null);

    private AggregateTestFixture<ChildSchedule> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ChildSchedule.class);
    }

    private static TimeSpan span(Instant start, int minutes) {
        return new TimeSpan(start, start.plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void aFirstCourseIsHeld() {
        fixture.givenNoPriorActivity()
               .when(new ReserveCourseSlotsCommand(CHILD, "course-1", "e-1", "Paper cutting", MONDAYS, 3))
               .expectEvents(PAPER_CUTTING)
               .expectResultMessagePayload(true);
    }

    @Test
    void aChildCannotHoldTwoEnrollmentsWhoseSessionsOverlap() {
        fixture.given(PAPER_CUTTING)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "e-7", "Calligraphy",
                                                   List.of(span(MONDAY.plus(Duration.ofDays(7)).plusSeconds(3600), 60)),
                                                   5))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.OVERLAPPING_ENROLLMENT, "course-1"));
        fixture.given(HELD_BEFORE)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "e-7", "Calligraphy", List.of(span(MONDAY, 30)),
                                                   5))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.OVERLAPPING_ENROLLMENT, "course-1"));
    }

    @Test
    void coursesOnOtherDaysOrBackToBackDoNotOverlap() {
        List<TimeSpan> after = List.of(span(MONDAY.plus(Duration.ofMinutes(90)), 60),
                                       span(MONDAY.plus(Duration.ofDays(1)), 90));
        fixture.given(PAPER_CUTTING)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "e-7", "Science games", after, 2))
               .expectEvents(new CourseSlotsReservedEvent(CHILD, "course-2", "Science games", after, "e-7", 2L));
    }

    @Test
    void holdingTheSameEnrollmentAgainChangesNothing() {
        fixture.given(PAPER_CUTTING)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-1", "e-1", "Paper cutting", MONDAYS, 3))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void timeHeldBeforeTheEnrollmentProcessIsTaggedWithTheEnrollmentThatAdoptsIt() {
        fixture.given(HELD_BEFORE)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-1", "e-1", "Paper cutting", MONDAYS, 3))
               .expectEvents(PAPER_CUTTING);
    }

    @Test
    void aReleasedCourseNoLongerBlocks() {
        List<TimeSpan> same = List.of(span(MONDAY, 60));
        fixture.given(PAPER_CUTTING, new CourseSlotsReleasedEvent(CHILD, "course-1", 9L))
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "e-7", "Calligraphy", same, 1))
               .expectEvents(new CourseSlotsReservedEvent(CHILD, "course-2", "Calligraphy", same, "e-7", 1L));
        fixture.given(PAPER_CUTTING)
               .when(new ReleaseCourseSlotsCommand(CHILD, "course-1", "e-1", 9))
               .expectEvents(new CourseSlotsReleasedEvent(CHILD, "course-1", 9L));
    }

    @Test
    void onlyTheEnrollmentThatHoldsTheTimeMovesOrReleasesIt() {
        fixture.given(PAPER_CUTTING)
               .when(new ReleaseCourseSlotsCommand(CHILD, "course-1", "e-0", 9))
               .expectNoEvents();
        fixture.given(PAPER_CUTTING)
               .when(new MoveCourseSlotsCommand(CHILD, "course-1", "e-0", List.of(span(MONDAY, 30)), 9))
               .expectNoEvents();
    }

    @Test
    void aStepOlderThanWhatTheScheduleFollowedChangesNothing() {
        // a withdrawal at course version 9 gave the time back; the request at version 3 comes again
        fixture.given(PAPER_CUTTING, new CourseSlotsReleasedEvent(CHILD, "course-1", 9L))
               .when(new ReserveCourseSlotsCommand(CHILD, "course-1", "e-1", "Paper cutting", MONDAYS, 3))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        List<TimeSpan> moved = List.of(span(MONDAY.plus(Duration.ofDays(1)), 90));
        fixture.given(PAPER_CUTTING, new CourseSlotsMovedEvent(CHILD, "course-1", moved, 7L))
               .when(new MoveCourseSlotsCommand(CHILD, "course-1", "e-1", MONDAYS, 5))
               .expectNoEvents();
        fixture.given(PAPER_CUTTING, new CourseSlotsMovedEvent(CHILD, "course-1", moved, 7L))
               .when(new ReleaseCourseSlotsCommand(CHILD, "course-1", "e-1", 7))
               .expectNoEvents();
    }

    @Test
    void heldTimeFollowsARescheduleAndThenBlocksTheNewTimes() {
        List<TimeSpan> moved = List.of(span(MONDAY.plus(Duration.ofDays(1)), 90));
        fixture.given(PAPER_CUTTING)
               .when(new MoveCourseSlotsCommand(CHILD, "course-1", "e-1", moved, 6))
               .expectEvents(new CourseSlotsMovedEvent(CHILD, "course-1", moved, 6L));
        fixture.given(PAPER_CUTTING, new CourseSlotsMovedEvent(CHILD, "course-1", moved, 6L))
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "e-7", "Calligraphy", moved, 2))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.OVERLAPPING_ENROLLMENT, "course-1"));
    }

    @Test
    void theFirstRevisionOfAHoldReadsWithoutEnrollmentOrVersion() {
        String stored = "{\"scheduleId\":\"" + CHILD + "\",\"courseId\":\"course-1\",\"title\":\"Paper cutting\","
                + "\"sessions\":[{\"startsAt\":\"2027-03-01T07:30:00Z\",\"endsAt\":\"2027-03-01T09:00:00Z\"}]}";
        SerializedObject<String> revisionOne = new SimpleSerializedObject<>(
                stored, String.class, new SimpleSerializedType(CourseSlotsReservedEvent.class.getName(), "1"));
        CourseSlotsReservedEvent read = EventSerialization.serializer().deserialize(revisionOne);
        assertThat(read).isEqualTo(new CourseSlotsReservedEvent(CHILD, "course-1", "Paper cutting",
                                                                List.of(span(MONDAY, 90)), null, null));
    }
}
