package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A course as its organizer planned it; enrollment opens only with its publication. */
@Revision("1")
public record CourseCreatedEvent(String courseId, String organizer, String title, String description,
                                 String instructor, int minGrade, int maxGrade, int capacity,
                                 List<CourseSession> sessions) implements CourseEvent {
}
