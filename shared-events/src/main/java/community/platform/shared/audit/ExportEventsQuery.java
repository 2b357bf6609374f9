package community.platform.shared.audit;

import java.time.Instant;

/**
 * A streaming query over the global log, oldest first, answered with {@link AuditEvent}s one at a time; each filter
 * is optional: from (inclusive) and to (exclusive) on the timestamp, the event type (simple or full class name), the
 * actor.
 */
public record ExportEventsQuery(Instant from, Instant to, String type, String actor) {
}
