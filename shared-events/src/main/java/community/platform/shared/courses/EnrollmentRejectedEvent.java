package community.platform.shared.courses;

import community.platform.shared.ErrorCode;
import org.axonframework.serialization.Revision;

/**
 * A request that got no place: the child's schedule refused it ({@code subject} names the course it overlaps), or the
 * course closed before it was decided.
 */
@Revision("1")
public record EnrollmentRejectedEvent(String courseId, String enrollmentId, ErrorCode code, String detail,
                                      String subject) implements CourseEvent {
}
