package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record DutySlotReservedEvent(String scheduleId, String volunteer, String postId, String title,
                                    Instant startsAt, Instant endsAt) implements VolunteerScheduleEvent {
}
