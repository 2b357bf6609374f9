package community.platform.api.series;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.api.web.LocalTime;
import community.platform.shared.volunteering.PostSeriesSummary;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/** The answers of the series' requests. */
public final class SeriesResponses {

    private SeriesResponses() {
    }

    /** A series: its posts, one per date, in date order. */
    public record Series(String seriesId, String title, String rrule, List<Occurrence> occurrences) {

        static Series of(PostSeriesSummary series) {
            return new Series(series.seriesId(), series.title(), series.rrule(), series.occurrences().stream()
                    .map(o -> new Occurrence(o.postId(), LocalTime.of(o.startsAt()), LocalTime.of(o.endsAt())))
                    .toList());
        }
    }

    public record Occurrence(String postId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    /** {@code 201 {seriesId, postIds}}. */
    public record Published(String seriesId, List<String> postIds) {

        public URI location() {
            return URI.create("/api/volunteer-post-series/" + seriesId);
        }
    }

    /**
     * One occurrence's outcome of a sign-up for the whole series: CONFIRMED, WAITLISTED (with the position), or
     * REFUSED with the problem's type slug ({@code overlapping-sign-up}, {@code sign-up-closed}, …) and its detail.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String postId, String status, Integer waitlistPosition, String reason, String detail) {
    }

    /** {@code {seriesId, moved: [postId]}}: the occurrences this reschedule moved. */
    public record Moved(String seriesId, List<String> moved) {
    }

    /** {@code {seriesId, cancelled: [postId]}}: the occurrences this cancellation called off. */
    public record Cancelled(String seriesId, List<String> cancelled) {
    }
}
