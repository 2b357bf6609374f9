package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The volunteer's time is held for a post. With a request id it is a sign-up request still to be decided (overlap,
 * then seat or queue); without one (held before requests had ids) it was decided when it was held. A request that
 * overlapped nothing held when it was made is {@code clear}: nothing held after it can make it overlap, so only the
 * post's seat or queue is left to decide; one that did (or was made before this was recorded) is checked again in the
 * order of the log, after the releases that came before it.
 */
@Revision("1")
public record DutySlotReservedEvent(String scheduleId, String volunteer, String postId, String title,
                                    Instant startsAt, Instant endsAt, String requestId, boolean clear)
        implements VolunteerScheduleEvent {
    public DutySlotReservedEvent(String scheduleId, String volunteer, String postId, String title, Instant startsAt,
                                 Instant endsAt, String requestId) {
        this(scheduleId, volunteer, postId, title, startsAt, endsAt, requestId, false);
    }

    public DutySlotReservedEvent(String scheduleId, String volunteer, String postId, String title, Instant startsAt,
                                 Instant endsAt) {
        this(scheduleId, volunteer, postId, title, startsAt, endsAt, null, false);
    }
}
