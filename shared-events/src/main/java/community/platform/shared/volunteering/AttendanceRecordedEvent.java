package community.platform.shared.volunteering;

import community.platform.shared.audit.Corrective;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The organizer recorded when a volunteer came and went; minutes count toward their hours. A later record for the
 * same volunteer is a correction: a new event that names the minutes it replaces; the earlier one stays as it was.
 */
@Revision("1")
public record AttendanceRecordedEvent(String postId, String volunteer, Instant checkedInAt, Instant checkedOutAt,
                                      long minutes, boolean correction, Long replacedMinutes, String reason)
        implements VolunteerPostEvent, Corrective {

    public AttendanceRecordedEvent(String postId, String volunteer, Instant checkedInAt, Instant checkedOutAt,
                                   long minutes, boolean correction, Long replacedMinutes) {
        this(postId, volunteer, checkedInAt, checkedOutAt, minutes, correction, replacedMinutes, null);
    }

    @Override
    public boolean corrects() {
        return correction;
    }
}
