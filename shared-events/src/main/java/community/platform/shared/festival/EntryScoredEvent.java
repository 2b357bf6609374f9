package community.platform.shared.festival;

import community.platform.shared.audit.Corrective;
import org.axonframework.serialization.Revision;

/**
 * A judge's score; a later score by the same judge for the same entry replaces it and names the one it replaces, with
 * the reason given (events stored before reasons were recorded read as null).
 */
@Revision("1")
public record EntryScoredEvent(String eventId, String entryId, String judge, int score, Integer replacedScore,
                               String reason) implements FestivalEventEvent, Corrective {

    public EntryScoredEvent(String eventId, String entryId, String judge, int score, Integer replacedScore) {
        this(eventId, entryId, judge, score, replacedScore, null);
    }

    @Override
    public boolean corrects() {
        return replacedScore != null;
    }
}
