package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with the event's version after the withdrawal (and any promotion). */
public record WithdrawRegistrationCommand(@TargetAggregateIdentifier String eventId, String resident) {
}
