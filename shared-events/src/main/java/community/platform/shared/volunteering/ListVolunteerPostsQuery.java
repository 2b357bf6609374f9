package community.platform.shared.volunteering;

import java.time.Instant;

/**
 * Posts starting in [from, to), of a team, in a status, by an organizer, in a neighbourhood; any of them may be null.
 * Answered with a list.
 */
public record ListVolunteerPostsQuery(Instant from, Instant to, String team, String status, String organizer,
                                      String neighbourhood) {

    public ListVolunteerPostsQuery(Instant from, Instant to, String team, String status) {
        this(from, to, team, status, null, null);
    }

    public ListVolunteerPostsQuery(Instant from, Instant to, String team, String status, String organizer) {
        this(from, to, team, status, organizer, null);
    }
}
