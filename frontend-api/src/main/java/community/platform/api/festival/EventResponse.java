package community.platform.api.festival;

import community.platform.api.web.LocalTime;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.EventStatus;
import community.platform.shared.festival.FestivalEventSummary;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A festival event as docs/api.md shows it, times in Asia/Shanghai. */
public record EventResponse(String id, String title, EventKind kind, String venue, OffsetDateTime startsAt,
                     OffsetDateTime endsAt, int capacity, int registered, int waitlisted, EventStatus status,
                     String organizer, String description, String neighbourhoodId) {

    static EventResponse of(FestivalEventSummary e) {
        return new EventResponse(e.id(), e.title(), e.kind(), e.venue(), local(e.startsAt()), local(e.endsAt()),
                                 e.capacity(), e.registered(), e.waitlisted(), e.status(), e.organizer(),
                                 e.description(), e.neighbourhoodId());
    }

    /** Where the event is read: the {@code Location} of its creation. */
    public URI location() {
        return URI.create("/api/festival-events/" + id);
    }

    static OffsetDateTime local(Instant instant) {
        return LocalTime.of(instant);
    }
}
