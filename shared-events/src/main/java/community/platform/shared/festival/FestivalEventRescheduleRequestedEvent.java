package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The organizer asked to move the event; the move is made ({@link FestivalEventRescheduledEvent}) once the venue holds
 * the new times, or turned down ({@link FestivalEventRescheduleRejectedEvent}). {@code request} counts the event's
 * reschedule requests from 1, so an answer names the request it answers.
 */
@Revision("1")
public record FestivalEventRescheduleRequestedEvent(String eventId, int request, String title, String previousVenue,
                                                    Instant previousStartsAt, Instant previousEndsAt, String venue,
                                                    Instant startsAt, Instant endsAt, String reason)
        implements FestivalEventEvent {
}
