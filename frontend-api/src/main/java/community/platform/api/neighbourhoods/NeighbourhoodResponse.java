package community.platform.api.neighbourhoods;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.shared.neighbourhoods.Neighbourhood;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A neighbourhood; who is appointed there only for an ADMIN (usernames are not for strangers to collect). */
public record NeighbourhoodResponse(String id, String name, List<String> areas,
                                    @Schema(description = "The organizers appointed there; for an ADMIN only")
                                    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> organizers) {

    static NeighbourhoodResponse of(Neighbourhood neighbourhood, boolean admin) {
        return new NeighbourhoodResponse(neighbourhood.id(), neighbourhood.name(), neighbourhood.areas(),
                                         admin ? neighbourhood.organizers() : null);
    }
}
