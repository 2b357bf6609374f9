package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/**
 * The child's time is held for a request, which waits for the requests made before it in this course to be decided:
 * seats and queue places are given in the order the requests were made, whatever order their processes finish in.
 */
@Revision("1")
public record EnrollmentClearedEvent(String courseId, String enrollmentId) implements CourseEvent {
}
