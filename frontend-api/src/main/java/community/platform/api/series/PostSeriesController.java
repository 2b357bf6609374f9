package community.platform.api.series;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** Weekly duty rosters over HTTP, mapped to {@link PostSeriesService}. */
@RestController
class PostSeriesController {

    private final PostSeriesService series;

    PostSeriesController(PostSeriesService series) {
        this.series = series;
    }

    @Operation(summary = "Publish a series of duties: a post on every date of a recurrence rule",
               operationId = "publishPostSeries")
    @PostMapping("/api/volunteer-post-series")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<SeriesResponses.Published>> publish(@Valid @RequestBody SeriesRequests.Publish request,
                                                            Authentication caller, ServerWebExchange exchange) {
        return series.publish(request, caller.getName(), exchange)
                     .map(published -> ResponseEntity.created(published.location()).body(published));
    }

    @Operation(summary = "A series with its occurrences' posts", operationId = "getPostSeries")
    @GetMapping("/api/volunteer-post-series/{id}")
    Mono<SeriesResponses.Series> detail(@PathVariable String id) {
        return series.series(id);
    }

    @Operation(summary = "Sign up for every occurrence of a series; each one's outcome",
               operationId = "signUpForPostSeries")
    @PostMapping("/api/volunteer-post-series/{id}/signups")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<List<SeriesResponses.Outcome>>> signUp(@PathVariable String id, Authentication caller,
                                                               ServerWebExchange exchange) {
        return series.signUp(id, caller.getName(), exchange)
                     .map(outcomes -> ResponseEntity.status(HttpStatus.CREATED).body(outcomes));
    }

    @Operation(summary = "Move the occurrences of a series from a date on to new times; their volunteers are told",
               operationId = "reschedulePostSeries")
    @PutMapping("/api/volunteer-post-series/{id}/schedule")
    Mono<SeriesResponses.Moved> reschedule(@PathVariable String id,
                                           @Valid @RequestBody SeriesRequests.Reschedule request,
                                           Authentication caller, ServerWebExchange exchange) {
        return series.reschedule(id, request, caller.getName(), exchange);
    }

    @Operation(summary = "Cancel the occurrences of a series from a date on; their volunteers are told",
               operationId = "cancelPostSeries")
    @PostMapping("/api/volunteer-post-series/{id}/cancellation")
    Mono<SeriesResponses.Cancelled> cancel(@PathVariable String id, @Valid @RequestBody SeriesRequests.Cancel request,
                                           Authentication caller, ServerWebExchange exchange) {
        return series.cancel(id, request, caller.getName(), exchange);
    }
}
