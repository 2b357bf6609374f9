package community.platform.shared.courses;

/** Answered with an optional {@link CourseSummary}. */
public record FindCourseSummaryQuery(String courseId) {
}
