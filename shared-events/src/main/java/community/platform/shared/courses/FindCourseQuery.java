package community.platform.shared.courses;

/** Answered with an optional {@link CourseDetails}. */
public record FindCourseQuery(String courseId) {
}
