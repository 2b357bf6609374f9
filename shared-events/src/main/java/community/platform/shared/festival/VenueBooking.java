package community.platform.shared.festival;

import java.time.Instant;

public record VenueBooking(String eventId, String title, Instant startsAt, Instant endsAt) {
}
