package community.platform.shared.courses;

/** One organizer's courses that have attendance marks, by first session. Answered with {@link CourseAttendanceRate}s. */
public record ListCourseAttendanceRatesQuery(String organizer) {
}
