package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ScheduleFestivalEventCommand(@TargetAggregateIdentifier String eventId, String organizer, String title,
                                           EventKind kind, String venue, Instant startsAt, Instant endsAt,
                                           int capacity, String description) {
}
