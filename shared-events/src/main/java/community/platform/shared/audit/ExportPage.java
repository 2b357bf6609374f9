package community.platform.shared.audit;

import java.util.List;

/** A page of the global log; {@code next} is null at the end of the log as it stood. */
public record ExportPage(List<AuditEvent> events, ExportEventsQuery.Cursor next) {
}
