package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An organizer asked for an event: it is held back until its venue is booked ({@link FestivalEventScheduledEvent}) or
 * the booking is refused ({@link FestivalEventRejectedEvent}).
 */
@Revision("1")
public record FestivalEventRequestedEvent(String eventId, String organizer, String title, EventKind kind,
                                          String venue, Instant startsAt, Instant endsAt, int capacity,
                                          String description) implements FestivalEventEvent {
}
