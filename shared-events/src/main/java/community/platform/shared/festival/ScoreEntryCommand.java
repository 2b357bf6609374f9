package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A rescore by the same judge is a correction; the reason is kept with it. */
public record ScoreEntryCommand(@TargetAggregateIdentifier String eventId, String organizer, String entryId,
                                String judge, int score, String reason) {

    public ScoreEntryCommand(String eventId, String organizer, String entryId, String judge, int score) {
        this(eventId, organizer, entryId, judge, score, null);
    }
}
