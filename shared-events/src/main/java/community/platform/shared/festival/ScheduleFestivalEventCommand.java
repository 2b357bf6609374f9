package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Asks for an event in a venue at a time: the event is requested at once, and scheduled when its venue is booked
 * (the festival's scheduling process does that and answers with {@link FestivalEventScheduledEvent} or
 * {@link FestivalEventRejectedEvent}).
 */
public record ScheduleFestivalEventCommand(@TargetAggregateIdentifier String eventId, String organizer, String title,
                                           EventKind kind, String venue, Instant startsAt, Instant endsAt,
                                           int capacity, String description) {
}
