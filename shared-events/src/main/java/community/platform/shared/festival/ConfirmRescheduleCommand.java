package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The venue holds the new times: the event moves. Changes nothing once the request is answered. */
public record ConfirmRescheduleCommand(@TargetAggregateIdentifier String eventId, int request) {
}
