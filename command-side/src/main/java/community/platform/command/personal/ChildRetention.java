package community.platform.command.personal;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.PostponeChildDataErasureCommand;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Keeps each child's retention record in step with their courses: a completed course schedules the erasure of every
 * child it recorded, the retention period later; a new enrollment postpones it until that course completes too. Each
 * command commits on its own and changes nothing the second time, so an event handled again after a crash is harmless.
 */
@ProcessingGroup(ChildRetention.GROUP)
class ChildRetention {

    static final String GROUP = "child-data-retention";

    private final OwnCommits commands;
    private final ChildIds childIds;
    private final Period retention;

    ChildRetention(OwnCommits commands, ChildIds childIds, Period retention) {
        this.commands = commands;
        this.childIds = childIds;
        this.retention = retention;
    }

    @EventHandler
    @DisallowReplay
    void on(CourseCompletedEvent event, @Timestamp Instant completedAt) {
        Instant due = completedAt.atZone(ZoneOffset.UTC).plus(retention).toInstant();
        for (CourseCompletion child : event.records()) {
            if (!PersonalData.ERASED.equals(child.childName())) {
                String childId = childIds.of(child.guardian(), child.childName());
                commands.send(new ScheduleChildDataErasureCommand(ScheduleChildDataErasureCommand.of(childId),
                                                                  childId, child.guardian(), child.enrollmentId(),
                                                                  due));
            }
        }
    }

    @EventHandler
    @DisallowReplay
    void on(EnrollmentRequestedEvent event) {
        if (event.childId() == null) {
            return;
        }
        try {
            commands.send(new PostponeChildDataErasureCommand(ScheduleChildDataErasureCommand.of(event.childId())));
        } catch (AggregateNotFoundException firstCourse) {
            // no course of theirs has completed yet: nothing is scheduled
        }
    }
}
