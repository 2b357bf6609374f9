package community.platform.command.courses;

import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One child's courses: "no two enrollments whose sessions overlap" spans courses, so it lives in an aggregate of its
 * own, which an enrollment goes through first (as a volunteer's sign-ups go through their schedule). A queue place
 * holds the time too, so a promotion can never create an overlap.
 */
@Aggregate
public class ChildSchedule {

    @AggregateIdentifier
    private String scheduleId;
    private Map<String, Held> courses;

    record Held(String title, List<TimeSpan> sessions) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ReserveCourseSlotsCommand command) {
        if (courses != null && courses.containsKey(command.courseId())) {
            return false;
        }
        if (courses != null) {
            for (Map.Entry<String, Held> held : courses.entrySet()) {
                for (TimeSpan mine : held.getValue().sessions()) {
                    for (TimeSpan wanted : command.sessions()) {
                        if (mine.overlaps(wanted)) {
                            throw new RuleViolatedException(
                                    ErrorCode.OVERLAPPING_ENROLLMENT,
                                    "A session at " + LocalTimes.span(wanted.startsAt(), wanted.endsAt())
                                            + " overlaps '" + held.getValue().title() + "' (" + held.getKey()
                                            + "), which the child is enrolled in",
                                    held.getKey());
                        }
                    }
                }
            }
        }
        apply(new CourseSlotsReservedEvent(command.scheduleId(), command.courseId(), command.title(),
                                           command.sessions()));
        return true;
    }

    @CommandHandler
    public void handle(MoveCourseSlotsCommand command) {
        Held held = courses.get(command.courseId());
        if (held != null && !held.sessions().equals(command.sessions())) {
            apply(new CourseSlotsMovedEvent(scheduleId, command.courseId(), command.sessions()));
        }
    }

    @CommandHandler
    public void handle(ReleaseCourseSlotsCommand command) {
        if (courses.containsKey(command.courseId())) {
            apply(new CourseSlotsReleasedEvent(scheduleId, command.courseId()));
        }
    }

    @EventSourcingHandler
    void on(CourseSlotsReservedEvent event) {
        scheduleId = event.scheduleId();
        if (courses == null) {
            courses = new LinkedHashMap<>();
        }
        courses.put(event.courseId(), new Held(event.title(), event.sessions()));
    }

    @EventSourcingHandler
    void on(CourseSlotsMovedEvent event) {
        courses.computeIfPresent(event.courseId(), (course, held) -> new Held(held.title(), event.sessions()));
    }

    @EventSourcingHandler
    void on(CourseSlotsReleasedEvent event) {
        courses.remove(event.courseId());
    }

    ChildSchedule() {
        // required by Axon
    }
}
