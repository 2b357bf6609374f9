package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/**
 * A child's mark for a session. A later mark for the same child and session is a correction: a new event naming the
 * mark it replaces; the earlier event stays as it was.
 */
@Revision("1")
public record AttendanceMarkedEvent(String courseId, int sessionNo, String enrollmentId, AttendanceMark mark,
                                    AttendanceMark replaced) implements CourseEvent {

    public boolean correction() {
        return replaced != null;
    }
}
