package community.platform.shared.courses;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A guardian asked for a place; the course's rules that it owns (consent, open, grade, not in already) held. The
 * enrollment process holds the child's time for {@code sessions}, the course's sessions not cancelled as the course
 * itself recorded them, in the schedule of the child's id ({@code childId}, which names no one; null in requests made
 * before children had ids, whose schedules are named as {@link Children#scheduleOf(String, String)} names them), and
 * then has the course decide.
 *
 * <p>{@code consent} and {@code consentVersion}: the guardian consented to the children's data notice of that
 * version. Revision 1, written before consent was asked, has neither: it reads as {@code false} and null, no consent
 * recorded.
 */
@Revision("2")
public record EnrollmentRequestedEvent(String courseId, String enrollmentId, String guardian,
                                       @PersonalData(subject = "guardian", ofChild = true) String childName,
                                       int childGrade, String title, List<CourseSession> sessions, boolean consent,
                                       String consentVersion, String childId)
        implements CourseEvent {

    /** A request as recorded before consent was asked and children had ids. */
    public EnrollmentRequestedEvent(String courseId, String enrollmentId, String guardian, String childName,
                                    int childGrade, String title, List<CourseSession> sessions) {
        this(courseId, enrollmentId, guardian, childName, childGrade, title, sessions, false, null, null);
    }

    /** The schedule that holds the child's time for this enrollment. */
    public String scheduleId() {
        return childId == null ? Children.scheduleOf(guardian, childName) : Children.scheduleOf(childId);
    }
}
