package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record CourseSlotsReservedEvent(String scheduleId, String courseId, String title, List<TimeSpan> sessions)
        implements ChildScheduleEvent {
}
