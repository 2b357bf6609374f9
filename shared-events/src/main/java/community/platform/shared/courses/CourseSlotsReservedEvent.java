package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Revision 1 (held through the HTTP layer) has no {@code enrollmentId} nor {@code courseVersion}: they read as null,
 * a hold the enrollment process adopts ({@link EnrollmentAdoptedEvent}).
 */
@Revision("2")
public record CourseSlotsReservedEvent(String scheduleId, String courseId, String title, List<TimeSpan> sessions,
                                       String enrollmentId, Long courseVersion) implements ChildScheduleEvent {
}
