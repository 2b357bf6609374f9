package community.platform.shared.courses;

/**
 * A course's attendance so far: of the marks its enrolled children have (the latest per session), how many count as
 * attended; {@code percent} is rounded, and null before any mark.
 */
public record CourseAttendanceRate(String courseId, String title, long attended, long marked, Integer percent) {
}
