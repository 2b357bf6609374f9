package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A guardian asks for a place for their child: the course records the request ({@link EnrollmentRequestedEvent}) and
 * the enrollment process decides it, a seat, a queue place or a refusal ({@link FindEnrollmentDecisionQuery}). The
 * guardian's {@code consent} is to the {@link community.platform.shared.personal.ChildDataNotice} of
 * {@code consentVersion}, the one they were shown. Sent again with the same enrollment id it changes nothing.
 * Answered with the course's version.
 */
public record EnrollChildCommand(@TargetAggregateIdentifier String courseId, String enrollmentId, String guardian,
                                 String childName, int childGrade, boolean consent, String consentVersion) {
}
