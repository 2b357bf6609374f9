package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The organizer moved a duty the volunteer holds; their schedule follows, whatever else it holds then. */
@Revision("1")
public record DutySlotMovedEvent(String scheduleId, String postId, Instant startsAt, Instant endsAt)
        implements VolunteerScheduleEvent {
}
