package community.platform.shared.courses;

/** ENROLLED, or WAITLISTED with a position (1 is next in line); version is the course's after the enrollment. */
public record EnrollmentOutcome(Status status, Integer waitlistPosition, long version) {

    public enum Status { ENROLLED, WAITLISTED }
}
