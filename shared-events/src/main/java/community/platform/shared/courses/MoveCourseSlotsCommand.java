package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The course's sessions changed: the child's held time follows (no effect when the course is not held). */
public record MoveCourseSlotsCommand(@TargetAggregateIdentifier String scheduleId, String courseId,
                                     List<TimeSpan> sessions) {
}
