package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record CourseSlotsMovedEvent(String scheduleId, String courseId, List<TimeSpan> sessions)
        implements ChildScheduleEvent {
}
