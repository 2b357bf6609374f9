package community.platform.shared.volunteering;

/** The rosters of every post one organizer published, in one answer. */
public record ListOrganizerRostersQuery(String organizer) {
}
