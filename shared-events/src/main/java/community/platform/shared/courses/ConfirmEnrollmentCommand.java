package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * From the enrollment process once the child's time is held: the course decides seat or queue, or refuses when it has
 * closed meanwhile. Changes nothing for a request already decided. Answered with the course's version.
 */
public record ConfirmEnrollmentCommand(@TargetAggregateIdentifier String courseId, String enrollmentId) {
}
