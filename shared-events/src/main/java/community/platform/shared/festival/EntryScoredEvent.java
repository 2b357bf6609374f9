package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

/** A judge's score; a later score by the same judge for the same entry replaces it and names the one it replaces. */
@Revision("1")
public record EntryScoredEvent(String eventId, String entryId, String judge, int score, Integer replacedScore)
        implements FestivalEventEvent {
}
