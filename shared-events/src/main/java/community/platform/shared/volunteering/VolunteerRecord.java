package community.platform.shared.volunteering;

import java.time.Instant;
import java.util.List;

/**
 * One volunteer's place on one post as the post's view holds it: the sign-up, its place in the queue while waiting,
 * and the attendance recorded with every correction of it. Times of arrival and minutes are null until recorded.
 */
public record VolunteerRecord(String postId, String title, Instant startsAt, Instant endsAt,
                              VolunteerDuty.Status status, Integer waitlistPosition, Instant signedUpAt,
                              Instant checkedInAt, Instant checkedOutAt, Long minutes, List<Correction> corrections) {

    /** A record of attendance that replaced an earlier one, with the minutes it replaced and why. */
    public record Correction(Instant at, long minutes, Long replacedMinutes, String reason) {
    }
}
