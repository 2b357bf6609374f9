package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ScoreEntryCommand(@TargetAggregateIdentifier String eventId, String organizer, String entryId,
                                String judge, int score) {
}
