package community.platform.shared.festival;

/**
 * Answered with an optional {@link FestivalEventRejection}: why request {@code request} of the event was turned down
 * (0 is the request to schedule it, 1 and on its reschedule requests).
 */
public record FindFestivalEventRejectionQuery(String eventId, int request) {
}
