package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record FestivalEventRescheduledEvent(String eventId, String previousVenue, Instant previousStartsAt,
                                            Instant previousEndsAt, String venue, Instant startsAt, Instant endsAt,
                                            String reason) implements FestivalEventEvent {
}
