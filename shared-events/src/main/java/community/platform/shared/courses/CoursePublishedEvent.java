package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CoursePublishedEvent(String courseId) implements CourseEvent {
}
