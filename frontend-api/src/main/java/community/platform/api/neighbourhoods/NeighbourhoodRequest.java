package community.platform.api.neighbourhoods;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /api/neighbourhoods}: a neighbourhood committee and its residential areas. */
public record NeighbourhoodRequest(@NotBlank(message = "a name") @Size(max = 60, message = "at most 60 characters")
                                   String name,
                                   @NotNull(message = "a list of residential areas (it may be empty)")
                                   @Size(max = 100, message = "at most 100 areas")
                                   List<@NotBlank(message = "an area's name")
                                        @Size(max = 60, message = "at most 60 characters") String> areas) {
}
