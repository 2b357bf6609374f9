package community.platform.shared.courses;

/**
 * One organizer's courses that have attendance marks, by first session; in one neighbourhood, or (null) all.
 * Answered with {@link CourseAttendanceRate}s.
 */
public record ListCourseAttendanceRatesQuery(String organizer, String neighbourhood) {

    public ListCourseAttendanceRatesQuery(String organizer) {
        this(organizer, null);
    }
}
