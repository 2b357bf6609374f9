package community.platform.shared.festival;

/** REGISTERED, or WAITLISTED with a position (1 is next in line); version is the event's after the registration. */
public record RegistrationOutcome(Status status, Integer waitlistPosition, long version) {

    public enum Status { REGISTERED, WAITLISTED }
}
