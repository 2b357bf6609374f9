package community.platform.command.courses;

import community.platform.shared.ErrorCode;
import community.platform.shared.courses.CourseSlotsMovedEvent;
import community.platform.shared.courses.CourseSlotsReleasedEvent;
import community.platform.shared.courses.CourseSlotsReservedEvent;
import community.platform.shared.courses.MoveCourseSlotsCommand;
import community.platform.shared.courses.ReleaseCourseSlotsCommand;
import community.platform.shared.courses.ReserveCourseSlotsCommand;
import community.platform.shared.courses.TimeSpan;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static community.platform.command.handling.Violations.violationOf;

class ChildScheduleTest {

    private static final String CHILD = "child-lihua/li xiaoming";
    private static final Instant MONDAY = Instant.parse("2027-03-01T07:30:00Z");
    private static final List<TimeSpan> MONDAYS = List.of(span(MONDAY, 90), span(MONDAY.plus(Duration.ofDays(7)), 90));
    private static final CourseSlotsReservedEvent PAPER_CUTTING =
            new CourseSlotsReservedEvent(CHILD, "course-1", "Paper cutting", MONDAYS);

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
               .when(new ReserveCourseSlotsCommand(CHILD, "course-1", "Paper cutting", MONDAYS))
               .expectEvents(PAPER_CUTTING)
               .expectResultMessagePayload(true);
    }

    @Test
    void aChildCannotHoldTwoEnrollmentsWhoseSessionsOverlap() {
        fixture.given(PAPER_CUTTING)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "Calligraphy",
                                                   List.of(span(MONDAY.plus(Duration.ofDays(7)).plusSeconds(3600), 60))))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.OVERLAPPING_ENROLLMENT, "course-1"));
    }

    @Test
    void coursesOnOtherDaysOrBackToBackDoNotOverlap() {
        List<TimeSpan> after = List.of(span(MONDAY.plus(Duration.ofMinutes(90)), 60),
                                       span(MONDAY.plus(Duration.ofDays(1)), 90));
        fixture.given(PAPER_CUTTING)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "Science games", after))
               .expectEvents(new CourseSlotsReservedEvent(CHILD, "course-2", "Science games", after));
    }

    @Test
    void holdingTheSameCourseAgainChangesNothing() {
        fixture.given(PAPER_CUTTING)
               .when(new ReserveCourseSlotsCommand(CHILD, "course-1", "Paper cutting", MONDAYS))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aReleasedCourseNoLongerBlocks() {
        List<TimeSpan> same = List.of(span(MONDAY, 60));
        fixture.given(PAPER_CUTTING, new CourseSlotsReleasedEvent(CHILD, "course-1"))
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "Calligraphy", same))
               .expectEvents(new CourseSlotsReservedEvent(CHILD, "course-2", "Calligraphy", same));
        fixture.given(PAPER_CUTTING)
               .when(new ReleaseCourseSlotsCommand(CHILD, "course-1"))
               .expectEvents(new CourseSlotsReleasedEvent(CHILD, "course-1"));
    }

    @Test
    void heldTimeFollowsARescheduleAndThenBlocksTheNewTimes() {
        List<TimeSpan> moved = List.of(span(MONDAY.plus(Duration.ofDays(1)), 90));
        fixture.given(PAPER_CUTTING)
               .when(new MoveCourseSlotsCommand(CHILD, "course-1", moved))
               .expectEvents(new CourseSlotsMovedEvent(CHILD, "course-1", moved));
        fixture.given(PAPER_CUTTING, new CourseSlotsMovedEvent(CHILD, "course-1", moved))
               .when(new ReserveCourseSlotsCommand(CHILD, "course-2", "Calligraphy", moved))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.OVERLAPPING_ENROLLMENT, "course-1"));
    }
}
