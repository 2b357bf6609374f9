package community.platform.shared.courses;

import org.axonframework.serialization.Revision;

/** One session moved; the previous time and room are kept for the notice and the audit. */
@Revision("1")
public record CourseSessionRescheduledEvent(String courseId, CourseSession previous, CourseSession session,
                                            String reason) implements CourseEvent {
}
