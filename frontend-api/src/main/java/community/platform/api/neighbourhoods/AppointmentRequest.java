package community.platform.api.neighbourhoods;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/admin/accounts/{username}/neighbourhoods}: where the organizer is appointed. */
public record AppointmentRequest(@NotBlank(message = "the neighbourhood's id") @Size(max = 40) String neighbourhoodId) {
}
