package community.platform.shared.audit;

/** Answered with every correction in the log ({@link AuditEvent}s whose payload is {@link Corrective}). */
public record ListCorrectionsQuery() {
}
