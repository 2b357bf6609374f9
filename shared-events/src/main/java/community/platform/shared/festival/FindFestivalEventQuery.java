package community.platform.shared.festival;

/** Answered with an optional {@link FestivalEventSummary}. */
public record FindFestivalEventQuery(String eventId) {
}
