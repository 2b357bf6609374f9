package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Holds a child's time for an enrollment's sessions, refused when one overlaps a session of another course the child
 * holds. {@code courseVersion} is the course's sequence number of the event this follows: a command older than what
 * the schedule has applied for that course changes nothing, so a process that runs again cannot undo later changes.
 * Answered with true when newly held, false when held already (or stale).
 */
public record ReserveCourseSlotsCommand(@TargetAggregateIdentifier String scheduleId, String courseId,
                                        String enrollmentId, String title, List<TimeSpan> sessions,
                                        long courseVersion) {
}
