package community.platform.shared.festival;

/** Festival events by start time, of one organizer or (null) all. Answered with a list of {@link FestivalEventSummary}. */
public record ListFestivalEventsQuery(String organizer) {

    public ListFestivalEventsQuery() {
        this(null);
    }
}
