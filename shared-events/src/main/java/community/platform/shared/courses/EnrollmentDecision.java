package community.platform.shared.courses;

import community.platform.shared.RuleViolation;

/** How a request for a place was decided: a seat or queue place ({@code outcome}), or a {@code refusal}. */
public record EnrollmentDecision(String courseId, String enrollmentId, EnrollmentOutcome outcome,
                                 RuleViolation refusal) {
}
