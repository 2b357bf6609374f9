package community.platform.shared.courses;

/**
 * The published courses, by first session; with a grade, those open to it; with openSeats, those with a free seat;
 * with an organizer, that organizer's.
 */
public record ListCoursesQuery(Integer grade, boolean openSeats, String organizer) {

    public ListCoursesQuery(Integer grade, boolean openSeats) {
        this(grade, openSeats, null);
    }
}
