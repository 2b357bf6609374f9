package community.platform.shared.audit;

/** Answered with every {@link AuditEvent} of one record, in order (an empty list for an unknown id). */
public record FindStreamEventsQuery(String streamId) {
}
