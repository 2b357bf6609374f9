package community.platform.query.notices;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/** The notices every kind of record shares: a move and a cancellation, with times as the platform shows them. */
final class NoticeWording {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                                                    .withZone(ZoneId.of("Asia/Shanghai"));

    private NoticeWording() {
    }

    /** A record, or one session of a course, moved; the venue or room is named when it changed. */
    static Change.Told rescheduled(String record, Integer session, String fromVenue, Instant fromStart,
                                   Instant fromEnd, String toVenue, Instant toStart, Instant toEnd, String reason) {
        String title = session == null ? record : record + ", session " + session;
        boolean moved = fromVenue != null && !fromVenue.equals(toVenue);
        String where = moved ? " (now at " + toVenue + ")" : "";
        Map<String, String> args = new HashMap<>(Map.of("title", record, "from", LOCAL.format(fromStart) + "–"
                + LOCAL.format(fromEnd), "to", LOCAL.format(toStart) + "–" + LOCAL.format(toEnd)));
        if (session != null) {
            args.put("session", String.valueOf(session));
        }
        if (moved) {
            args.put("venue", toVenue);
        }
        if (reason != null && !reason.isBlank()) {
            args.put("reason", reason);
        }
        return new Change.Told("Rescheduled: " + title,
                               title + " moves from " + args.get("from") + " to " + args.get("to") + " (Beijing time)"
                                       + where + "." + (args.containsKey("reason") ? " Reason: " + reason : ""),
                               "rescheduled", args);
    }

    /** A record, or one session of a course (with when it was to start), cancelled. */
    static Change.Told cancelled(String record, Integer session, Instant sessionStart, String reason) {
        String title = session == null ? record
                : record + ", session " + session + " (" + LOCAL.format(sessionStart) + ", Beijing time)";
        Map<String, String> args = new HashMap<>(Map.of("title", record, "reason", String.valueOf(reason)));
        if (session != null) {
            args.put("session", String.valueOf(session));
            args.put("when", LOCAL.format(sessionStart));
        }
        return new Change.Told("Cancelled: " + title, title + " is cancelled. Reason: " + reason, "cancelled", args);
    }
}
