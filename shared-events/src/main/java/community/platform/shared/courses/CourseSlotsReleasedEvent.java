package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CourseSlotsReleasedEvent(String scheduleId, String courseId) implements ChildScheduleEvent {
}
