package community.platform.shared.festival;

/** The events of one venue's calendar. */
public sealed interface VenueEvent permits VenueBookedEvent, VenueBookingMovedEvent, VenueBookingReleasedEvent {

    String venueId();
}
