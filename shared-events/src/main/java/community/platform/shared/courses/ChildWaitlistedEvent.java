package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/** A place in the queue, with the inputs of that decision: the capacity, the seats taken, the position given. */
@Revision("1")
public record ChildWaitlistedEvent(String courseId, String enrollmentId, String guardian, String childName,
                                   int childGrade, int capacity, int enrolledBefore, int position)
        implements CourseEvent {
}
