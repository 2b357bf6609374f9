package community.platform.shared.volunteering;

import java.time.Instant;

/** One post as one volunteer holds it; minutes once recorded. */
public record VolunteerDuty(String postId, String title, String location, Instant startsAt, Instant endsAt,
                            Status status, Long minutes) {

    /** A seat, a place in the queue, or a seat lost because the post was called off. */
    public enum Status {
        CONFIRMED, WAITLISTED, CANCELLED
    }
}
