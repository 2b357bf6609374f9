package community.platform.shared.festival;

import java.time.Instant;
import java.util.List;

/** An event as lists and details show it; version its last event applied. */
public record FestivalEventSummary(String id, String title, EventKind kind, String venue, Instant startsAt,
                                   Instant endsAt, int capacity, int registered, int waitlisted, EventStatus status,
                                   String organizer, String description, long version, List<String> participants,
                                   String neighbourhoodId) {
}
