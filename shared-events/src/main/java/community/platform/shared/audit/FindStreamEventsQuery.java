package community.platform.shared.audit;

/**
 * Answered with every {@link AuditEvent} of one record, in order (an empty list for an unknown id). Personal fields
 * are masked unless {@code unmasked}, which the auditor asks for by stating a reason, recorded first.
 */
public record FindStreamEventsQuery(String streamId, boolean unmasked) {
    public FindStreamEventsQuery(String streamId) {
        this(streamId, false);
    }
}
