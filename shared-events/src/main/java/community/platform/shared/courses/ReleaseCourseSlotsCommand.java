package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseCourseSlotsCommand(@TargetAggregateIdentifier String scheduleId, String courseId) {
}
