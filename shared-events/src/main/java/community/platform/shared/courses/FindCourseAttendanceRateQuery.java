package community.platform.shared.courses;

/** One course's attendance so far. Answered with an optional {@link CourseAttendanceRate}. */
public record FindCourseAttendanceRateQuery(String courseId) {
}
