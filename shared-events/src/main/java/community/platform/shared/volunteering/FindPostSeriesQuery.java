package community.platform.shared.volunteering;

/** Answered with the {@link PostSeriesSummary} of the series, or null when there is none. */
public record FindPostSeriesQuery(String seriesId) {
}
