package community.platform.api.volunteering;

import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/volunteer-posts/{id}/check-ins}. */
public record CheckInRequest(@NotBlank String username) {
}
