package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with the course's version after the withdrawal (and any promotion). */
public record WithdrawEnrollmentCommand(@TargetAggregateIdentifier String courseId, String enrollmentId,
                                        String guardian) {
}
