package community.platform.shared.festival;

import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record FestivalEventScheduledEvent(String eventId, String organizer, String title, EventKind kind,
                                          String venue, Instant startsAt, Instant endsAt, int capacity,
                                          String description,
                                          String neighbourhoodId) implements FestivalEventEvent  {

    /** An event stored before neighbourhoods names none: it belongs to the default one. */
    public FestivalEventScheduledEvent {
        neighbourhoodId = Neighbourhoods.orDefault(neighbourhoodId);
    }

    /** In the default neighbourhood. */
    public FestivalEventScheduledEvent(String eventId, String organizer, String title, EventKind kind,
                                          String venue, Instant startsAt, Instant endsAt, int capacity,
                                          String description) {
        this(eventId, organizer, title, kind, venue, startsAt, endsAt, capacity, description, Neighbourhoods.DEFAULT);
    }
}
