package community.platform.shared.festival;

import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Schedules an event in a venue at a time. The festival's scheduling process then books the venue; if another event
 * holds it, the event is turned down ({@link FestivalEventRejectedEvent}) and never opens.
 */
public record ScheduleFestivalEventCommand(@TargetAggregateIdentifier String eventId, String organizer, String title,
                                           EventKind kind, String venue, Instant startsAt, Instant endsAt,
                                           int capacity, String description,
                                           String neighbourhoodId) {

    /** In the default neighbourhood. */
    public ScheduleFestivalEventCommand(String eventId, String organizer, String title,
                                           EventKind kind, String venue, Instant startsAt, Instant endsAt,
                                           int capacity, String description) {
        this(eventId, organizer, title, kind, venue, startsAt, endsAt, capacity, description, Neighbourhoods.DEFAULT);
    }
}
