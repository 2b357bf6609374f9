package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitCoupletEntryCommand(@TargetAggregateIdentifier String eventId, String entryId, String author,
                                        String upperLine, String lowerLine, String horizontalScroll) {
}
