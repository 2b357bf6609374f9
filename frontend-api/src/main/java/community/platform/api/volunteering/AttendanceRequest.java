package community.platform.api.volunteering;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** {@code POST /api/volunteer-posts/{id}/attendance}; the reason is kept when this corrects an earlier record. */
public record AttendanceRequest(@NotBlank String username, @NotNull OffsetDateTime checkedInAt,
                                @NotNull OffsetDateTime checkedOutAt, @Size(max = 500) String reason) {
}
