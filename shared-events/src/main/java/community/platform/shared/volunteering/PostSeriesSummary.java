package community.platform.shared.volunteering;

import java.util.List;

/** A series as its pages read it: who runs it, its title and pattern, and its occurrences' posts in date order. */
public record PostSeriesSummary(String seriesId, String organizer, String title, String rrule,
                                List<PostSeriesPublishedEvent.Occurrence> occurrences) {
}
