package community.platform.command.personal;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Comparator;

/**
 * Keeps each child's retention record in step with their courses: asking to enroll a child keeps their data at least
 * the retention period after that course's last session, and a completed course keeps every child it recorded the
 * retention period after its completion. The record only ever moves the erasure later, so a request that is refused
 * or withdrawn still leaves the child's data erased in time, and a child whose course never completes is erased too.
 * Each command commits on its own and changes nothing the second time, so an event handled again after a crash is
 * harmless.
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
        for (CourseCompletion child : event.records()) {
            if (!PersonalData.ERASED.equals(child.childName())) {
                schedule(childIds.of(child.guardian(), child.childName()), child.guardian(), child.enrollmentId(),
                         completedAt);
            }
        }
    }

    @EventHandler
    @DisallowReplay
    void on(EnrollmentRequestedEvent event) {
        if (event.childId() != null && !event.sessions().isEmpty()) {
            schedule(event.childId(), event.guardian(), event.enrollmentId(),
                     event.sessions().stream().map(CourseSession::endsAt).max(Comparator.naturalOrder()).orElseThrow());
        }
    }

    /** The erasure of the child's data the retention period after {@code from}, unless it is due later already. */
    private void schedule(String childId, String guardian, String enrollmentId, Instant from) {
        commands.send(new ScheduleChildDataErasureCommand(ScheduleChildDataErasureCommand.of(childId), childId,
                                                          guardian, enrollmentId,
                                                          from.atZone(ZoneOffset.UTC).plus(retention).toInstant()));
    }
}
