package community.platform.api.volunteering;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.OffsetDateTime;

/** {@code POST /api/volunteer-posts/{id}/attendance}. */
public record AttendanceRequest(@NotBlank String username, @NotNull OffsetDateTime checkedInAt,
                                @NotNull OffsetDateTime checkedOutAt) {
}
