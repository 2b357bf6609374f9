package community.platform.api.volunteering;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** {@code PUT /api/volunteer-posts/{id}/schedule}; the reason is optional and goes to everyone signed up. */
public record ScheduleRequest(@NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
                              @Size(max = 500) String reason) {
}
