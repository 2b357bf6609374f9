package community.platform.shared.courses;

/**
 * The published courses, by first session; with a grade, those open to it; with openSeats, those with a free seat;
 * with an organizer, that organizer's; with a neighbourhood, those in it. Answered with a list of
 * {@link CourseSummary}.
 */
public record ListCoursesQuery(Integer grade, boolean openSeats, String organizer, String neighbourhood) {

    public ListCoursesQuery(Integer grade, boolean openSeats) {
        this(grade, openSeats, null, null);
    }

    public ListCoursesQuery(Integer grade, boolean openSeats, String organizer) {
        this(grade, openSeats, organizer, null);
    }
}
