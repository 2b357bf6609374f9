package community.platform.shared.courses;

/** The published courses, by first session; with a grade, those open to it; with openSeats, those with a free seat. */
public record ListCoursesQuery(Integer grade, boolean openSeats) {
}
