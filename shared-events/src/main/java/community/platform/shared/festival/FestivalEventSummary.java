package community.platform.shared.festival;

import java.time.Instant;
import java.util.List;

/** An event as lists and details show it; status OPEN, FULL, CANCELLED or FINISHED; version its last event applied. */
public record FestivalEventSummary(String id, String title, EventKind kind, String venue, Instant startsAt,
                                   Instant endsAt, int capacity, int registered, int waitlisted, String status,
                                   String organizer, String description, long version, List<String> participants) {
}
