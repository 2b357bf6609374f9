package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

/** A couplet entered in a competition; entries rank by submission order on a tie. */
@Revision("1")
public record CoupletEntrySubmittedEvent(String eventId, String entryId, String author, String upperLine,
                                         String lowerLine, String horizontalScroll, int submissionNumber)
        implements FestivalEventEvent {
}
