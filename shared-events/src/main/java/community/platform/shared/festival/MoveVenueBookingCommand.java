package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Moves a booking to new times, checked against the venue's other bookings in the same step. */
public record MoveVenueBookingCommand(@TargetAggregateIdentifier String venueId, String eventId, Instant startsAt,
                                      Instant endsAt) {
}
