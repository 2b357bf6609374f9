package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with the course's version after the change. */
public record CancelCourseSessionCommand(@TargetAggregateIdentifier String courseId, String organizer, int sessionNo,
                                         String reason) {
}
