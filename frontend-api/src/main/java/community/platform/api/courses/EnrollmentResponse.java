package community.platform.api.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.shared.courses.EnrollmentOutcome;

/** A place for the child: ENROLLED, or WAITLISTED with the position given (1 is next in line). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollmentResponse(String enrollmentId, EnrollmentOutcome.Status status, Integer waitlistPosition) {
}
