package community.platform.shared.courses;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A guardian asked for a place; the course's rules that it owns (consent, open, grade, not in already) held. The
 * enrollment process holds the child's time for {@code sessions}, the course's sessions not cancelled as the course
 * itself recorded them, and then has the course decide.
 *
 * <p>{@code consent} and {@code consentVersion}: the guardian consented to the children's data notice of that
 * version. Revision 1, written before consent was asked, has neither: it reads as {@code false} and null, no consent
 * recorded.
 */
@Revision("2")
public record EnrollmentRequestedEvent(String courseId, String enrollmentId, String guardian, @PersonalData(subject = "guardian", ofChild = true) String childName,
                                       int childGrade, String title, List<CourseSession> sessions, boolean consent,
                                       String consentVersion)
        implements CourseEvent {
}
