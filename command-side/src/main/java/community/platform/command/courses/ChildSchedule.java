package community.platform.command.courses;

import community.platform.command.calendar.OverlapPolicy;
import community.platform.command.calendar.TimeSlot;
import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.courses.ListHeldEnrollmentsCommand;
import community.platform.shared.courses.CourseSlotsMovedEvent;
import community.platform.shared.courses.CourseSlotsReleasedEvent;
import community.platform.shared.courses.CourseSlotsReservedEvent;
import community.platform.shared.courses.MoveCourseSlotsCommand;
import community.platform.shared.courses.ReleaseCourseSlotsCommand;
import community.platform.shared.courses.ReserveCourseSlotsCommand;
import community.platform.shared.courses.TimeSpan;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One child's courses: "no two enrollments whose sessions overlap" spans courses, so it lives in an aggregate of its
 * own, which the enrollment process reserves in before the course decides the seat or queue place. A queue place
 * holds the time too, so a promotion can never create an overlap. Only the enrollment process sends its commands.
 */
@Aggregate
class ChildSchedule {

    @AggregateIdentifier
    private String scheduleId;
    private Map<String, Held> courses;
    /**
     * Per course, the course's version its last change here followed (kept after a release): the enrollment process
     * may send a step again after a crash, or run again over old events, and an older step must not undo a newer one.
     */
    private Map<String, Long> versions;

    /** {@code enrollmentId} is null for time held before the enrollment process kept it. */
    record Held(String title, List<TimeSpan> sessions, String enrollmentId) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ReserveCourseSlotsCommand command) {
        Held held = courses == null ? null : courses.get(command.courseId());
        if (stale(command.courseId(), command.courseVersion())
                || (held != null && command.enrollmentId().equals(held.enrollmentId()))) {
            return false;
        }
        if (courses != null) {
            for (Map.Entry<String, Held> other : courses.entrySet()) {
                if (!other.getKey().equals(command.courseId())) {
                    requireNoOverlap(other.getKey(), other.getValue(), command.sessions());
                }
            }
        }
        apply(new CourseSlotsReservedEvent(command.scheduleId(), command.courseId(), command.title(),
                                           command.sessions(), command.enrollmentId(), command.courseVersion()));
        return true;
    }

    /** Each course's enrollment that holds time here (time held before enrollments were named is left out). */
    @CommandHandler
    public Map<String, String> handle(ListHeldEnrollmentsCommand command) {
        Map<String, String> held = new LinkedHashMap<>();
        if (courses != null) {
            courses.forEach((course, slots) -> {
                if (slots.enrollmentId() != null) {
                    held.put(course, slots.enrollmentId());
                }
            });
        }
        return held;
    }

    @CommandHandler
    public void handle(MoveCourseSlotsCommand command) {
        if (heldFor(command.courseId(), command.enrollmentId(), command.courseVersion())
                && !courses.get(command.courseId()).sessions().equals(command.sessions())) {
            apply(new CourseSlotsMovedEvent(scheduleId, command.courseId(), command.sessions(),
                                            command.courseVersion()));
        }
    }

    @CommandHandler
    public void handle(ReleaseCourseSlotsCommand command) {
        if (heldFor(command.courseId(), command.enrollmentId(), command.courseVersion())) {
            apply(new CourseSlotsReleasedEvent(scheduleId, command.courseId(), command.courseVersion()));
        }
    }

    private static void requireNoOverlap(String courseId, Held held, List<TimeSpan> wanted) {
        for (TimeSpan mine : held.sessions()) {
            for (TimeSpan asked : wanted) {
                if (OverlapPolicy.oneAtATime.clashes(TimeSlot.of(mine), TimeSlot.of(asked))) {
                    throw new RuleViolatedException(
                            ErrorCode.OVERLAPPING_ENROLLMENT,
                            "A session at " + LocalTimes.span(asked.startsAt(), asked.endsAt()) + " overlaps '"
                                    + held.title() + "' (" + courseId + "), which the child is enrolled in",
                            courseId);
                }
            }
        }
    }

    private boolean heldFor(String courseId, String enrollmentId, long courseVersion) {
        Held held = courses.get(courseId);
        return held != null && enrollmentId.equals(held.enrollmentId()) && !stale(courseId, courseVersion);
    }

    private boolean stale(String courseId, long courseVersion) {
        return versions != null && versions.getOrDefault(courseId, -1L) >= courseVersion;
    }

    @EventSourcingHandler
    void on(CourseSlotsReservedEvent event) {
        scheduleId = event.scheduleId();
        if (courses == null) {
            courses = new LinkedHashMap<>();
            versions = new HashMap<>();
        }
        courses.put(event.courseId(), new Held(event.title(), event.sessions(), event.enrollmentId()));
        followed(event.courseId(), event.courseVersion());
    }

    @EventSourcingHandler
    void on(CourseSlotsMovedEvent event) {
        courses.computeIfPresent(event.courseId(), (course, held) -> new Held(held.title(), event.sessions(),
                                                                              held.enrollmentId()));
        followed(event.courseId(), event.courseVersion());
    }

    @EventSourcingHandler
    void on(CourseSlotsReleasedEvent event) {
        courses.remove(event.courseId());
        followed(event.courseId(), event.courseVersion());
    }

    /** Revision 1 events carry no version: they leave what is known as it was. */
    private void followed(String courseId, Long courseVersion) {
        if (courseVersion != null) {
            versions.put(courseId, courseVersion);
        }
    }

    ChildSchedule() {
        // required by Axon
    }
}
