package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * An enrollment made before the enrollment process kept children's time: the process takes over the time held for it
 * in {@code scheduleId}, as the course's {@code sessions} now stand, before the course next moves or releases it.
 */
@Revision("1")
public record EnrollmentAdoptedEvent(String courseId, String enrollmentId, String scheduleId, String title,
                                     List<CourseSession> sessions) implements CourseEvent {
}
