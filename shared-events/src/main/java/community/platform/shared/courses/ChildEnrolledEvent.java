package community.platform.shared.courses;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/** A seat for a child, with the inputs of that decision: the capacity and how many seats were taken before. */
@Revision("1")
public record ChildEnrolledEvent(String courseId, String enrollmentId, String guardian, @PersonalData(subject = "guardian", ofChild = true) String childName,
                                 int childGrade, int capacity, int enrolledBefore) implements CourseEvent {
}
