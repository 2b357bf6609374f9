package community.platform.shared.courses;

import community.platform.shared.audit.Corrective;
import org.axonframework.serialization.Revision;

/**
 * A child's mark for a session. A later mark for the same child and session is a correction: a new event naming the
 * mark it replaces; the earlier event stays as it was.
 */
@Revision("1")
public record AttendanceMarkedEvent(String courseId, int sessionNo, String enrollmentId, AttendanceMark mark,
                                    AttendanceMark replaced, String reason) implements CourseEvent, Corrective {

    public AttendanceMarkedEvent(String courseId, int sessionNo, String enrollmentId, AttendanceMark mark,
                                 AttendanceMark replaced) {
        this(courseId, sessionNo, enrollmentId, mark, replaced, null);
    }

    @Override
    public boolean corrects() {
        return replaced != null;
    }
}
