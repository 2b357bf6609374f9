package community.platform.shared.volunteering;


import java.time.Instant;
import java.util.List;

/** Who holds a seat, and who waits in which order; version is the post's last event applied. */
public record VolunteerRoster(String postId, String organizer, List<Confirmed> confirmed, List<Waiting> waitlist,
                              long version) {

    /** Attendance times and minutes are null until the organizer records them. */
    public record Confirmed(String username, String displayName, Instant signedUpAt, Instant checkedInAt,
                            Instant checkedOutAt, Long minutes) {
    }

    public record Waiting(String username, int position) {
    }
}
