package community.platform.shared.festival;

import java.time.Instant;

/** The bookings of a venue that overlap [from, to) (either may be null). Answered with a list of {@link VenueBooking}. */
public record VenueCalendarQuery(String venueId, Instant from, Instant to) {
}
