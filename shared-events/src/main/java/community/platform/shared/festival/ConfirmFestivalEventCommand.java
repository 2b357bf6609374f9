package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The venue is booked: the requested event is scheduled. Changes nothing once the request is answered. */
public record ConfirmFestivalEventCommand(@TargetAggregateIdentifier String eventId) {
}
