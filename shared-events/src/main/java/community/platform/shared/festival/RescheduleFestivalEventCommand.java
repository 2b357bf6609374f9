package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Asks to move the event; a null venue keeps the one it has. Answered with the request's number, which the answer to
 * it names ({@link FestivalEventRescheduledEvent} or {@link FestivalEventRescheduleRejectedEvent}).
 */
public record RescheduleFestivalEventCommand(@TargetAggregateIdentifier String eventId, String organizer,
                                             String venue, Instant startsAt, Instant endsAt, String reason) {
}
