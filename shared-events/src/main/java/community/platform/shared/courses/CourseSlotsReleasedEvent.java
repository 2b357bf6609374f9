package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/** Revision 1 has no {@code courseVersion}: it reads as null. */
@Revision("2")
public record CourseSlotsReleasedEvent(String scheduleId, String courseId, Long courseVersion)
        implements ChildScheduleEvent {
}
