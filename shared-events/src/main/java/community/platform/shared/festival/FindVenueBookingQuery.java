package community.platform.shared.festival;

/** Answered with an optional {@link VenueBooking}: the event's booking in the venue, once the venue holds it. */
public record FindVenueBookingQuery(String venueId, String eventId) {
}
