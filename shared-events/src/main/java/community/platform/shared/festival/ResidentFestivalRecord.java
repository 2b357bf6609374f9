package community.platform.shared.festival;

import java.time.Instant;
import java.util.List;

/**
 * One resident's part in one festival event: their registration (null once withdrawn), its place in the queue while
 * waiting, and the couplets they entered.
 */
public record ResidentFestivalRecord(String eventId, String title, EventKind kind, Instant startsAt, Instant endsAt,
                                     Registration registration, Integer waitlistPosition, List<Entry> entries) {

    public enum Registration {
        REGISTERED, WAITLISTED
    }

    public record Entry(String entryId, String upperLine, String lowerLine, String horizontalScroll) {
    }
}
