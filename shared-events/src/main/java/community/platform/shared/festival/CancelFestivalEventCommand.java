package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelFestivalEventCommand(@TargetAggregateIdentifier String eventId, String organizer, String reason) {
}
