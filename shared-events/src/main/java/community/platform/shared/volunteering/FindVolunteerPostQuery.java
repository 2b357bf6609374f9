package community.platform.shared.volunteering;

/** Answered with an optional {@link VolunteerPostSummary}. */
public record FindVolunteerPostQuery(String postId) {
}
