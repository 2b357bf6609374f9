package community.platform.shared.volunteering;

import java.time.Instant;

/** Posts starting in [from, to), of a team, in a status; any of them may be null. Answered with a list. */
public record ListVolunteerPostsQuery(Instant from, Instant to, String team, String status) {
}
