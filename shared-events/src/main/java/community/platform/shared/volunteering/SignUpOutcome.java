package community.platform.shared.volunteering;

/** CONFIRMED, or WAITLISTED with a position (1 is next in line). */
public record SignUpOutcome(Status status, Integer waitlistPosition) {

    public enum Status { CONFIRMED, WAITLISTED }
}
