package community.platform.shared.festival;

/** REGISTERED, or WAITLISTED with a position (1 is next in line). */
public record RegistrationOutcome(Status status, Integer waitlistPosition) {

    public enum Status { REGISTERED, WAITLISTED }
}
