package community.platform.shared.courses;

import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A course as its organizer planned it; enrollment opens only with its publication. */
@Revision("1")
public record CourseCreatedEvent(String courseId, String organizer, String title, String description,
                                 String instructor, int minGrade, int maxGrade, int capacity,
                                 List<CourseSession> sessions,
                                 String neighbourhoodId) implements CourseEvent  {

    /** An event stored before neighbourhoods names none: it belongs to the default one. */
    public CourseCreatedEvent {
        neighbourhoodId = Neighbourhoods.orDefault(neighbourhoodId);
    }

    /** In the default neighbourhood. */
    public CourseCreatedEvent(String courseId, String organizer, String title, String description,
                                 String instructor, int minGrade, int maxGrade, int capacity,
                                 List<CourseSession> sessions) {
        this(courseId, organizer, title, description, instructor, minGrade, maxGrade, capacity, sessions, Neighbourhoods.DEFAULT);
    }
}
