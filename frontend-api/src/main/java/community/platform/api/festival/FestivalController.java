package community.platform.api.festival;

import community.platform.shared.festival.ResultRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;

/** The Spring Festival couplet events section of docs/api.md. */
@Tag(name = "Festival events")
@RestController
class FestivalController {

    private final FestivalService festival;

    FestivalController(FestivalService festival) {
        this.festival = festival;
    }

    @Operation(summary = "Schedule a festival event; its venue is booked for the time")
    @PostMapping("/api/festival-events")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<EventResponse>> schedule(@Valid @RequestBody FestivalRequests.ScheduleEvent request,
                                                 Authentication caller, ServerWebExchange exchange) {
        return festival.schedule(request, caller, exchange)
                       .map(event -> ResponseEntity.created(event.location()).body(event));
    }

    @Operation(summary = "List festival events", operationId = "listFestivalEvents")
    @GetMapping("/api/festival-events")
    Mono<List<EventResponse>> list(@RequestParam(required = false) String neighbourhood) {
        return festival.list(neighbourhood);
    }

    @Operation(summary = "A festival event", operationId = "getFestivalEvent")
    @GetMapping("/api/festival-events/{id}")
    Mono<EventResponse> detail(@PathVariable String id) {
        return festival.detail(id);
    }

    @Operation(summary = "Move the event to new times or another venue", operationId = "rescheduleFestivalEvent")
    @PutMapping("/api/festival-events/{id}/schedule")
    Mono<EventResponse> reschedule(@PathVariable String id, @Valid @RequestBody FestivalRequests.Reschedule request,
                                   Authentication caller, ServerWebExchange exchange) {
        return festival.reschedule(id, request, caller, exchange);
    }

    @Operation(summary = "Cancel the event and release its venue", operationId = "cancelFestivalEvent")
    @PostMapping("/api/festival-events/{id}/cancellation")
    Mono<EventResponse> cancel(@PathVariable String id, @Valid @RequestBody FestivalRequests.Cancel request,
                               Authentication caller, ServerWebExchange exchange) {
        return festival.cancel(id, request, caller, exchange);
    }

    @Operation(summary = "Register the caller for the event, or put them on its waitlist",
               operationId = "registerForFestivalEvent")
    @PostMapping("/api/festival-events/{id}/registrations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RegistrationResponse> register(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return festival.register(id, caller, exchange);
    }

    @Operation(summary = "Withdraw the caller's registration", operationId = "withdrawRegistration")
    @DeleteMapping("/api/festival-events/{id}/registrations/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> withdraw(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return festival.withdraw(id, caller, exchange);
    }

    @Operation(summary = "Submit the caller's couplet to a competition")
    @PostMapping("/api/festival-events/{id}/entries")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<EntryResponse> enter(@PathVariable String id, @Valid @RequestBody FestivalRequests.Entry request,
                              Authentication caller, ServerWebExchange exchange) {
        return festival.enter(id, request, caller, exchange);
    }

    @Operation(summary = "Score an entry as a judge; a judge's second score replaces the first")
    @PostMapping("/api/festival-events/{id}/entries/{entryId}/scores")
    Mono<ScoreResponse> score(@PathVariable String id, @PathVariable String entryId,
                              @Valid @RequestBody FestivalRequests.Score request, Authentication caller,
                              ServerWebExchange exchange) {
        return festival.score(id, entryId, request, caller, exchange);
    }

    @Operation(summary = "The competition's entries, ranked by their average score")
    @GetMapping("/api/festival-events/{id}/results")
    Mono<List<ResultRow>> results(@PathVariable String id) {
        return festival.results(id);
    }

    @Operation(summary = "A venue's bookings between two times", operationId = "getVenueCalendar")
    @GetMapping("/api/venues/{venue}/calendar")
    Mono<List<VenueBookingResponse>> calendar(@PathVariable String venue,
                                              @RequestParam(required = false) OffsetDateTime from,
                                              @RequestParam(required = false) OffsetDateTime to) {
        return festival.calendar(venue, from, to);
    }
}
