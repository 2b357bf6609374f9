package community.platform.api.neighbourhoods;

import jakarta.validation.constraints.Size;

/** {@code GET}, {@code PUT /api/accounts/me/neighbourhood}: the neighbourhood the caller lives in; null for none. */
public record StatedNeighbourhood(@Size(max = 40) String neighbourhoodId) {
}
