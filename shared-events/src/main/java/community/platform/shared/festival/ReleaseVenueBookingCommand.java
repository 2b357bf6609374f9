package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseVenueBookingCommand(@TargetAggregateIdentifier String venueId, String eventId) {
}
