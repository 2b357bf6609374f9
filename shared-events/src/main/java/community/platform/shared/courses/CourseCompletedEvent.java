package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The organizer closed the course; every enrolled child's record, decided by the 80% rule, is in the event. */
@Revision("1")
public record CourseCompletedEvent(String courseId, int held, List<CourseCompletion> records)
        implements CourseEvent {
}
