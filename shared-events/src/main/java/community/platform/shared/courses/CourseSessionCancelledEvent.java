package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CourseSessionCancelledEvent(String courseId, CourseSession session, String reason)
        implements CourseEvent {
}
