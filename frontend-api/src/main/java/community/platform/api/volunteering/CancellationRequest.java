package community.platform.api.volunteering;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/volunteer-posts/{id}/cancellation}. */
public record CancellationRequest(@NotBlank @Size(max = 500) String reason) {
}
