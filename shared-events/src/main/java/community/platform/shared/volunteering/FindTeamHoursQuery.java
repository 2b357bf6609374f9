package community.platform.shared.volunteering;

/** The hours volunteers gave on one organizer's posts, by team and month. Answered with {@link TeamHours}. */
public record FindTeamHoursQuery(String organizer) {
}
