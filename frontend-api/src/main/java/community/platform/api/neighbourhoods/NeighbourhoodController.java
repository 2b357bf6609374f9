package community.platform.api.neighbourhoods;

import community.platform.api.security.Usernames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

@RestController
@Tag(name = "Neighbourhoods")
public class NeighbourhoodController {

    private final Neighbourhoods neighbourhoods;

    NeighbourhoodController(Neighbourhoods neighbourhoods) {
        this.neighbourhoods = neighbourhoods;
    }

    @Operation(summary = "The neighbourhood the caller said they live in", operationId = "getStatedNeighbourhood")
    @GetMapping("/api/accounts/me/neighbourhood")
    Mono<StatedNeighbourhood> stated(Authentication caller) {
        return neighbourhoods.stated(caller.getName()).map(found -> new StatedNeighbourhood(found.orElse(null)));
    }

    @Operation(summary = "Say which neighbourhood the caller lives in (null: none); lists on the pages then show it",
               operationId = "stateNeighbourhood")
    @PutMapping("/api/accounts/me/neighbourhood")
    Mono<StatedNeighbourhood> state(@Valid @RequestBody StatedNeighbourhood request, Authentication caller,
                                    ServerWebExchange exchange) {
        return neighbourhoods.state(caller.getName(), request.neighbourhoodId(), exchange)
                             .then(stated(caller));
    }

    @Operation(summary = "The sub-district's volunteer hours by neighbourhood", operationId = "neighbourhoodReport")
    @GetMapping("/api/admin/neighbourhoods/report")
    Mono<List<NeighbourhoodReport>> report() {
        return neighbourhoods.report();
    }

    @Operation(summary = "The sub-district's neighbourhoods and their residential areas, by name (an ADMIN also sees"
                         + " who is appointed in each)")
    @GetMapping("/api/neighbourhoods")
    public Mono<List<NeighbourhoodResponse>> listNeighbourhoods(ServerWebExchange exchange) {
        return neighbourhoods.list(exchange);
    }

    @Operation(summary = "Add a neighbourhood committee with its residential areas (ADMIN)")
    @PostMapping("/api/neighbourhoods")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<NeighbourhoodResponse> createNeighbourhood(@Valid @RequestBody NeighbourhoodRequest request,
                                                   ServerWebExchange exchange) {
        return neighbourhoods.create(request, exchange);
    }

    @Operation(summary = "Appoint an organizer for a neighbourhood (ADMIN)")
    @PostMapping("/api/admin/accounts/{username}/neighbourhoods")
    public Mono<NeighbourhoodResponse> appointOrganizer(@PathVariable String username,
                                                @Valid @RequestBody AppointmentRequest request,
                                                ServerWebExchange exchange) {
        return neighbourhoods.appoint(Usernames.normalize(username), request, exchange);
    }
}
