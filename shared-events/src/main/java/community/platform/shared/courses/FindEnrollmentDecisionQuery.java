package community.platform.shared.courses;

/** Answered with an optional {@link EnrollmentDecision}: empty while the request is undecided (or unknown). */
public record FindEnrollmentDecisionQuery(String courseId, String enrollmentId) {
}
