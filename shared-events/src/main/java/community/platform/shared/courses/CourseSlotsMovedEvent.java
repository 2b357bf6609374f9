package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Revision 1 has no {@code courseVersion}: it reads as null. */
@Revision("2")
public record CourseSlotsMovedEvent(String scheduleId, String courseId, List<TimeSpan> sessions, Long courseVersion)
        implements ChildScheduleEvent {
}
