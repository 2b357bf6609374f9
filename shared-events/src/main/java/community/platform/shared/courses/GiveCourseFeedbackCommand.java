package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Feedback for one of the guardian's enrollments; with no enrollment named, the first of theirs that attended and has
 * not given feedback yet. Answered with the course's version after it.
 */
public record GiveCourseFeedbackCommand(@TargetAggregateIdentifier String courseId, String guardian,
                                        String enrollmentId, int rating, String comment) {
}
