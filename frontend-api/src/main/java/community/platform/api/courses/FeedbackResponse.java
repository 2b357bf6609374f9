package community.platform.api.courses;

/** {@code POST /api/courses/{id}/feedback}: the feedback as it was kept. */
public record FeedbackResponse(String enrollmentId, int rating, String comment) {
}
