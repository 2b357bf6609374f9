package community.platform.shared.volunteering;

import java.time.Instant;

/** One post as one volunteer holds it. Status: CONFIRMED, WAITLISTED or CANCELLED; minutes once recorded. */
public record VolunteerDuty(String postId, String title, String location, Instant startsAt, Instant endsAt,
                            String status, Long minutes) {
}
