package community.platform.shared.courses;

import community.platform.shared.ErrorCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * From the enrollment process when the child's schedule refused the request. Changes nothing for a request already
 * decided. Answered with the course's version.
 */
public record RejectEnrollmentCommand(@TargetAggregateIdentifier String courseId, String enrollmentId, ErrorCode code,
                                      String detail, String subject) {
}
