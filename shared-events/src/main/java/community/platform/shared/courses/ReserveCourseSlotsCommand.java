package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Holds a child's time for a course's sessions before the enrollment, refused when one overlaps a session of a course
 * the child holds already. Answered with true when newly held, false when held already.
 */
public record ReserveCourseSlotsCommand(@TargetAggregateIdentifier String scheduleId, String courseId, String title,
                                        List<TimeSpan> sessions) {
}
