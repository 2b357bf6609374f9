package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The organizer recorded when a volunteer came and went; minutes count toward their hours. A later record for the
 * same volunteer is a correction: a new event that names the minutes it replaces; the earlier one stays as it was.
 */
@Revision("1")
public record AttendanceRecordedEvent(String postId, String volunteer, Instant checkedInAt, Instant checkedOutAt,
                                      long minutes, boolean correction, Long replacedMinutes)
        implements VolunteerPostEvent {
}
