package community.platform.shared.audit;

import java.time.Instant;
import java.util.List;

/**
 * One page of the global log, oldest first, answered with an {@link ExportPage}; each filter is optional: from
 * (inclusive) and to (exclusive) on the timestamp, the event type (simple or full class name), the actor. A page holds
 * at most {@code limit} events and ends early after a bounded number of events read, so a filter that matches rarely
 * still answers promptly; its {@code next} cursor continues where it stopped.
 */
public record ExportEventsQuery(Instant from, Instant to, String type, String actor, Cursor after, int limit) {

    /** A place in the global log: every position up to {@code index} read, except the {@code gaps}. */
    public record Cursor(long index, List<Long> gaps) {
    }

    public ExportEventsQuery next(Cursor cursor) {
        return new ExportEventsQuery(from, to, type, actor, cursor, limit);
    }
}
