package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with an {@link EnrollmentOutcome}. */
public record EnrollChildCommand(@TargetAggregateIdentifier String courseId, String enrollmentId, String guardian,
                                 String childName, int childGrade) {
}
