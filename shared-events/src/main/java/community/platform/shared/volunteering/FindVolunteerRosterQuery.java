package community.platform.shared.volunteering;

/** Answered with an optional {@link VolunteerRoster}. */
public record FindVolunteerRosterQuery(String postId) {
}
