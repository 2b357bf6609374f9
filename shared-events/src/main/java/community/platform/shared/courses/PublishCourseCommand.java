package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with the course's version after publication. */
public record PublishCourseCommand(@TargetAggregateIdentifier String courseId, String organizer) {
}
