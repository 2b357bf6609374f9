package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The course's sessions changed: the time held for the enrollment follows (no effect when the enrollment holds none,
 * or the schedule has applied a later course version).
 */
public record MoveCourseSlotsCommand(@TargetAggregateIdentifier String scheduleId, String courseId,
                                     String enrollmentId, List<TimeSpan> sessions, long courseVersion) {
}
