package community.platform.shared.volunteering;

/** The hours volunteers gave on one organizer's posts in one neighbourhood, by team and month: a {@link TeamHours}. */
public record FindNeighbourhoodTeamHoursQuery(String organizer, String neighbourhoodId) {
}
