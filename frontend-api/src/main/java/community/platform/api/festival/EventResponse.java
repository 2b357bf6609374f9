package community.platform.api.festival;

import community.platform.api.web.LocalTime;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.FestivalEventSummary;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A festival event as docs/api.md shows it, times in Asia/Shanghai. */
public record EventResponse(String id, String title, EventKind kind, String venue, OffsetDateTime startsAt,
                     OffsetDateTime endsAt, int capacity, int registered, int waitlisted, String status,
                     String organizer, String description) {

    static EventResponse of(FestivalEventSummary e) {
        return new EventResponse(e.id(), e.title(), e.kind(), e.venue(), local(e.startsAt()), local(e.endsAt()),
                                 e.capacity(), e.registered(), e.waitlisted(), e.status(), e.organizer(),
                                 e.description());
    }

    static OffsetDateTime local(Instant instant) {
        return LocalTime.of(instant);
    }
}
