package community.platform.shared.courses;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/** A place in the queue, with the inputs of that decision: the capacity, the seats taken, the position given. */
@Revision("1")
public record ChildWaitlistedEvent(String courseId, String enrollmentId, String guardian, @PersonalData(subject = "guardian", ofChild = true) String childName,
                                   int childGrade, int capacity, int enrolledBefore, int position)
        implements CourseEvent {
}
