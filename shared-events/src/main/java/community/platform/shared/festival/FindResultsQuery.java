package community.platform.shared.festival;

/** A competition's results board. Answered with a list of {@link ResultRow}. */
public record FindResultsQuery(String eventId) {
}
