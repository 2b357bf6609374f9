package community.platform.api.festival;

import community.platform.shared.festival.VenueBooking;

import java.time.OffsetDateTime;

/** One booking of {@code GET /api/venues/{venue}/calendar}, times in Asia/Shanghai. */
public record VenueBookingResponse(String eventId, String title, OffsetDateTime startsAt, OffsetDateTime endsAt) {

    static VenueBookingResponse of(VenueBooking booking) {
        return new VenueBookingResponse(booking.eventId(), booking.title(), EventResponse.local(booking.startsAt()),
                                        EventResponse.local(booking.endsAt()));
    }
}
