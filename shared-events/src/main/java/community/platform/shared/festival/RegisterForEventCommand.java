package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with a {@link RegistrationOutcome}. */
public record RegisterForEventCommand(@TargetAggregateIdentifier String eventId, String resident, String displayName) {
}
