package community.platform.shared.audit;

/**
 * A page of the corrections in the log ({@link AuditEvent}s whose payload is {@link Corrective}), oldest first,
 * answered with an {@link ExportPage}: at most {@code limit}, ending early after a bounded number of events read, as an
 * export page does; its {@code next} cursor continues where it stopped.
 */
public record ListCorrectionsQuery(ExportEventsQuery.Cursor after, int limit) {

    public ListCorrectionsQuery next(ExportEventsQuery.Cursor cursor) {
        return new ListCorrectionsQuery(cursor, limit);
    }
}
