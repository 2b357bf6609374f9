package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/** A seat for a child, with the inputs of that decision: the capacity and how many seats were taken before. */
@Revision("1")
public record ChildEnrolledEvent(String courseId, String enrollmentId, String guardian, String childName,
                                 int childGrade, int capacity, int enrolledBefore) implements CourseEvent {
}
