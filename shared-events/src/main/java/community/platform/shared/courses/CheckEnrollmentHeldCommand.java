package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * From the enrollment process, when a child's schedule refuses a request for overlapping time this course holds: does
 * the enrollment still stand behind it (requested, seated or queued)? Enrollments' processes run side by side, so a
 * withdrawal's time may not be given back yet when the child's next request is made. Answered with null while it
 * stands, else with the course's version, after which giving its time back is no older step.
 */
public record CheckEnrollmentHeldCommand(@TargetAggregateIdentifier String courseId, String enrollmentId) {
}
