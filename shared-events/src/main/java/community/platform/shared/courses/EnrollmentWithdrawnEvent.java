package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/** The guardian took the child out; heldSeat says whether a seat (rather than a queue place) became free. */
@Revision("1")
public record EnrollmentWithdrawnEvent(String courseId, String enrollmentId, String guardian, boolean heldSeat)
        implements CourseEvent {
}
