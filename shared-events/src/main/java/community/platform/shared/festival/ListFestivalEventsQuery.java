package community.platform.shared.festival;

/** All festival events by start time. Answered with a list of {@link FestivalEventSummary}. */
public record ListFestivalEventsQuery() {
}
