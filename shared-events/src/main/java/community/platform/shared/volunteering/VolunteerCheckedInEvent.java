package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The organizer marked a confirmed volunteer as arrived. Hours come only with the check-out, an {@link
 * AttendanceRecordedEvent} from this check-in's time.
 */
@Revision("1")
public record VolunteerCheckedInEvent(String postId, String volunteer, Instant checkedInAt)
        implements VolunteerPostEvent {
}
