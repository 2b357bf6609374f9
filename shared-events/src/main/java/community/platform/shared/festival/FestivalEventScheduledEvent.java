package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record FestivalEventScheduledEvent(String eventId, String organizer, String title, EventKind kind,
                                          String venue, Instant startsAt, Instant endsAt, int capacity,
                                          String description) implements FestivalEventEvent {
}
