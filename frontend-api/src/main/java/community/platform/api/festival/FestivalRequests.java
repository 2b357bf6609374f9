package community.platform.api.festival;

import community.platform.shared.festival.EventKind;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** The request bodies of the festival endpoints (docs/api.md). */
public final class FestivalRequests {

    private FestivalRequests() {
    }

    @Schema(name = "NewFestivalEvent")
    public record ScheduleEvent(@NotBlank @Size(max = 120) String title, @NotNull EventKind kind,
                         @NotBlank @Size(max = 120) String venue, @NotNull OffsetDateTime startsAt,
                         @NotNull OffsetDateTime endsAt, @NotNull @Min(1) @Max(2000) Integer capacity,
                         @Size(max = 4000) String description, @Size(max = 40) String neighbourhoodId) {
    }

    @Schema(name = "FestivalEventReschedule")
    public record Reschedule(@Size(max = 120) String venue, @NotNull OffsetDateTime startsAt,
                      @NotNull OffsetDateTime endsAt, @Size(max = 500) String reason) {
    }

    @Schema(name = "FestivalEventCancellation")
    record Cancel(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "CoupletEntry")
    public record Entry(@NotNull @Size(max = 200) String upperLine, @NotNull @Size(max = 200) String lowerLine,
                 @NotNull @Size(max = 100) String horizontalScroll) {
    }

    /** The reason is kept when this replaces the judge's earlier score. */
    @Schema(name = "ScoreRequest")
    public record Score(@NotBlank @Size(max = 60) String judge, @NotNull Integer score, @Size(max = 500) String reason) {
    }
}
