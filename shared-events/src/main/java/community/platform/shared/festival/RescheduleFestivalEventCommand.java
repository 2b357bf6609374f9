package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RescheduleFestivalEventCommand(@TargetAggregateIdentifier String eventId, String organizer,
                                             String venue, Instant startsAt, Instant endsAt, String reason) {
}
