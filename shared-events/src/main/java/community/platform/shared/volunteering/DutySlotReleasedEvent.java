package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DutySlotReleasedEvent(String scheduleId, String postId) implements VolunteerScheduleEvent {
}
