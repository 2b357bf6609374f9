package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CourseFeedbackGivenEvent(String courseId, String enrollmentId, String guardian, int rating,
                                       String comment) implements CourseEvent {
}
