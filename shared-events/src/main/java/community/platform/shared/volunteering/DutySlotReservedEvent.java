package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The volunteer's time is held for a post. With a request id it is a sign-up request still to be decided (overlap,
 * then seat or queue); without one (held before requests had ids) it was decided when it was held.
 */
@Revision("1")
public record DutySlotReservedEvent(String scheduleId, String volunteer, String postId, String title,
                                    Instant startsAt, Instant endsAt, String requestId)
        implements VolunteerScheduleEvent {
    public DutySlotReservedEvent(String scheduleId, String volunteer, String postId, String title, Instant startsAt,
                                 Instant endsAt) {
        this(scheduleId, volunteer, postId, title, startsAt, endsAt, null);
    }
}
