package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/** The first in the queue moved up to a free seat, with the decision's inputs: capacity, seats taken, position. */
@Revision("1")
public record EnrollmentPromotedEvent(String courseId, String enrollmentId, String guardian, int capacity,
                                      int enrolledBefore, int queuePosition) implements CourseEvent {
}
