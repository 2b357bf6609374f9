package community.platform.api.series;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** The bodies of the series' requests. */
public final class SeriesRequests {

    private SeriesRequests() {
    }

    /**
     * {@code POST /api/volunteer-post-series}: a post's details, and when it recurs: {@code rrule} is an RFC 5545
     * recurrence rule with a COUNT or an UNTIL date ({@code FREQ=WEEKLY;BYDAY=SA;COUNT=8}), from {@code firstDate},
     * without the {@code exceptions}; each duty from {@code startTime} to {@code endTime}, Beijing time.
     */
    @Schema(name = "NewPostSeries")
    public record Publish(@NotBlank @Size(max = 120) String title, @Size(max = 4000) String description,
                          @NotBlank @Size(max = 60) String team, @NotBlank @Size(max = 200) String location,
                          @NotNull @Min(1) @Max(500) Integer capacity, @Size(max = 40) String neighbourhoodId,
                          @NotNull @JsonFormat(pattern = "HH:mm") LocalTime startTime,
                          @NotNull @JsonFormat(pattern = "HH:mm") LocalTime endTime,
                          @NotBlank @Size(max = 200) String rrule, @NotNull LocalDate firstDate,
                          @Size(max = 100) List<@NotNull LocalDate> exceptions) {
    }

    /**
     * {@code PUT /api/volunteer-post-series/{id}/schedule}: the occurrences from {@code from} on (all if none) move to
     * new times on their own dates, Beijing time; the reason goes to everyone holding a place.
     */
    @Schema(name = "PostSeriesReschedule")
    public record Reschedule(@NotNull @JsonFormat(pattern = "HH:mm") LocalTime startTime,
                             @NotNull @JsonFormat(pattern = "HH:mm") LocalTime endTime, LocalDate from,
                             @Size(max = 500) String reason) {
    }

    /** {@code POST /api/volunteer-post-series/{id}/cancellation}: the occurrences from {@code from} on (all if none). */
    @Schema(name = "PostSeriesCancellation")
    public record Cancel(@NotBlank @Size(max = 500) String reason, LocalDate from) {
    }
}
