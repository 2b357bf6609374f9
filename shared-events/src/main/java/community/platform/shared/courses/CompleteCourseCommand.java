package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with the course's version after completion. */
public record CompleteCourseCommand(@TargetAggregateIdentifier String courseId, String organizer) {
}
