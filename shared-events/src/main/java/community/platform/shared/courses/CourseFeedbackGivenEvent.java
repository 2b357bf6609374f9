package community.platform.shared.courses;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CourseFeedbackGivenEvent(String courseId, String enrollmentId, String guardian, int rating,
                                       @PersonalData(subject = "guardian") String comment) implements CourseEvent {
}
