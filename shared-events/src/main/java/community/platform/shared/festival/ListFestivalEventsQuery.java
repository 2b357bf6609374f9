package community.platform.shared.festival;

/** Festival events by start time, of one organizer and one neighbourhood, or (null) all. Answered with a list of {@link FestivalEventSummary}. */
public record ListFestivalEventsQuery(String organizer, String neighbourhood) {

    public ListFestivalEventsQuery() {
        this(null, null);
    }

    public ListFestivalEventsQuery(String organizer) {
        this(organizer, null);
    }
}
