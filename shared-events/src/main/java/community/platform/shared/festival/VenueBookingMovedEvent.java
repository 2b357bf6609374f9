package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record VenueBookingMovedEvent(String venueId, String eventId, Instant startsAt, Instant endsAt)
        implements VenueEvent {
}
