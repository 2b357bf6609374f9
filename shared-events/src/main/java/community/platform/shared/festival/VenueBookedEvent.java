package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record VenueBookedEvent(String venueId, String venue, String eventId, String title, Instant startsAt,
                               Instant endsAt) implements VenueEvent {
}
