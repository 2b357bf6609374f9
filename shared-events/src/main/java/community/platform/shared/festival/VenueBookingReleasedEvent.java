package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VenueBookingReleasedEvent(String venueId, String eventId) implements VenueEvent {
}
