package community.platform.api.festival;

import community.platform.api.accounts.Accounts;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.Views;
import community.platform.shared.festival.CancelFestivalEventCommand;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.FindFestivalEventQuery;
import community.platform.shared.festival.FindResultsQuery;
import community.platform.shared.festival.ListFestivalEventsQuery;
import community.platform.shared.festival.RegisterForEventCommand;
import community.platform.shared.festival.RegistrationOutcome;
import community.platform.shared.festival.RescheduleFestivalEventCommand;
import community.platform.shared.festival.ResultRow;
import community.platform.shared.festival.ScheduleFestivalEventCommand;
import community.platform.shared.festival.ScoreEntryCommand;
import community.platform.shared.festival.SubmitCoupletEntryCommand;
import community.platform.shared.festival.VenueBooking;
import community.platform.shared.festival.VenueCalendarQuery;
import community.platform.shared.festival.WithdrawRegistrationCommand;
import com.fasterxml.jackson.annotation.JsonInclude;
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

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static community.platform.shared.festival.BookVenueCommand.venueIdOf;

/** The Spring Festival couplet events section of docs/api.md. */
@Tag(name = "Festival events")
@RestController
public class FestivalController {

    private final Commands commands;
    private final Views views;
    private final Venues venues;
    private final Accounts accounts;

    public FestivalController(Commands commands, Views views, Venues venues, Accounts accounts) {
        this.commands = commands;
        this.views = views;
        this.venues = venues;
        this.accounts = accounts;
    }

    @Operation(summary = "Schedule a festival event; its venue is booked for the time")
    @PostMapping("/api/festival-events")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<EventResponse>> schedule(
            @Valid @RequestBody FestivalRequests.ScheduleEvent request, Authentication caller,
            ServerWebExchange exchange) {
        String eventId = IdempotencyKeys.newId(exchange, "fe-");
        Instant startsAt = request.startsAt().toInstant();
        Instant endsAt = request.endsAt().toInstant();
        String title = request.title().strip();
        return venues.book(request.venue(), eventId, title, startsAt, endsAt, exchange, () -> commands.send(
                             new ScheduleFestivalEventCommand(eventId, caller.getName(), title, request.kind(),
                                                              request.venue().strip(), startsAt, endsAt,
                                                              request.capacity(), request.description()),
                             exchange))
                     .then(views.visible(new FindFestivalEventQuery(eventId), FestivalEventSummary.class,
                                         event -> true))
                     .map(event -> ResponseEntity.created(URI.create("/api/festival-events/" + eventId))
                                                 .body(EventResponse.of(event)));
    }

    @Operation(summary = "List festival events", operationId = "listFestivalEvents")
    @GetMapping("/api/festival-events")
    public Mono<List<EventResponse>> list() {
        return views.list(new ListFestivalEventsQuery(), FestivalEventSummary.class)
                    .map(events -> events.stream().map(EventResponse::of).toList());
    }

    @Operation(summary = "A festival event", operationId = "getFestivalEvent")
    @GetMapping("/api/festival-events/{id}")
    public Mono<EventResponse> detail(@PathVariable String id) {
        return event(id).map(EventResponse::of);
    }

    @Operation(summary = "Move the event to new times or another venue", operationId = "rescheduleFestivalEvent")
    @PutMapping("/api/festival-events/{id}/schedule")
    public Mono<EventResponse> reschedule(@PathVariable String id,
                                          @Valid @RequestBody FestivalRequests.Reschedule request,
                                          Authentication caller, ServerWebExchange exchange) {
        Instant startsAt = request.startsAt().toInstant();
        Instant endsAt = request.endsAt().toInstant();
        return event(id).flatMap(event -> {
            if (!event.organizer().equals(caller.getName())) {
                return Mono.error(new ApiProblemException(community.platform.shared.ErrorCode.NOT_THE_ORGANIZER,
                                                          "Only " + event.organizer() + " may change this event"));
            }
            String venue = request.venue() == null || request.venue().isBlank() ? event.venue()
                                                                                 : request.venue().strip();
            return venues.move(event.venue(), event.startsAt(), event.endsAt(), venue, id, event.title(), startsAt,
                               endsAt, exchange, () -> commands.send(new RescheduleFestivalEventCommand(
                                       id, caller.getName(), venue, startsAt, endsAt, request.reason()), exchange))
                         .then(views.visible(new FindFestivalEventQuery(id), FestivalEventSummary.class,
                                             changed -> changed.startsAt().equals(startsAt)
                                                     && changed.venue().equals(venue)));
        }).map(EventResponse::of);
    }

    @Operation(summary = "Cancel the event and release its venue", operationId = "cancelFestivalEvent")
    @PostMapping("/api/festival-events/{id}/cancellation")
    public Mono<EventResponse> cancel(@PathVariable String id, @Valid @RequestBody FestivalRequests.Cancel request,
                                      Authentication caller, ServerWebExchange exchange) {
        return event(id).flatMap(event -> commands.send(new CancelFestivalEventCommand(id, caller.getName(),
                                                                                        request.reason().strip()),
                                                        exchange)
                        .then(venues.release(event.venue(), id, exchange))
                        .then(views.visible(new FindFestivalEventQuery(id), FestivalEventSummary.class,
                                            changed -> "CANCELLED".equals(changed.status()))))
                        .map(EventResponse::of);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegistrationResponse(RegistrationOutcome.Status status, Integer waitlistPosition) {
    }

    @Operation(summary = "Register the caller for the event, or put them on its waitlist",
               operationId = "registerForFestivalEvent")
    @PostMapping("/api/festival-events/{id}/registrations")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<RegistrationResponse>> register(@PathVariable String id, Authentication caller,
                                                               ServerWebExchange exchange) {
        return accounts.find(caller.getName()).map(account -> account.displayName()).defaultIfEmpty(caller.getName())
                       .flatMap(name -> commands.<RegistrationOutcome>send(
                               new RegisterForEventCommand(id, caller.getName(), name), exchange))
                       .flatMap(outcome -> caughtUp(id, outcome.version())
                                                .thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(
                                                        new RegistrationResponse(outcome.status(),
                                                                                 outcome.waitlistPosition()))));
    }

    @Operation(summary = "Withdraw the caller's registration", operationId = "withdrawRegistration")
    @DeleteMapping("/api/festival-events/{id}/registrations/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> withdraw(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return commands.<Long>send(new WithdrawRegistrationCommand(id, caller.getName()), exchange)
                       .flatMap(version -> caughtUp(id, version))
                       .then();
    }

    @Operation(summary = "Submit the caller's couplet to a competition")
    @PostMapping("/api/festival-events/{id}/entries")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<EntryResponse>> enter(@PathVariable String id,
                                                           @Valid @RequestBody FestivalRequests.Entry request,
                                                           Authentication caller, ServerWebExchange exchange) {
        String entryId = IdempotencyKeys.newId(exchange, "entry-");
        return commands.<Long>send(new SubmitCoupletEntryCommand(id, entryId, caller.getName(), request.upperLine(),
                                                                 request.lowerLine(), request.horizontalScroll()),
                                   exchange)
                       .flatMap(version -> caughtUp(id, version))
                       .thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(new EntryResponse(entryId)));
    }

    @Operation(summary = "Score an entry as a judge; a judge's second score replaces the first")
    @PostMapping("/api/festival-events/{id}/entries/{entryId}/scores")
    public Mono<ScoreResponse> score(@PathVariable String id, @PathVariable String entryId,
                                           @Valid @RequestBody FestivalRequests.Score request,
                                           Authentication caller, ServerWebExchange exchange) {
        return commands.<Long>send(new ScoreEntryCommand(id, caller.getName(), entryId, request.judge().strip(),
                                                         request.score(), request.reason()), exchange)
                       .flatMap(version -> caughtUp(id, version))
                       .thenReturn(new ScoreResponse(entryId, request.judge().strip(), request.score()));
    }

    @Operation(summary = "The competition's entries, ranked by their average score")
    @GetMapping("/api/festival-events/{id}/results")
    public Mono<List<ResultRow>> results(@PathVariable String id) {
        return event(id).then(views.list(new FindResultsQuery(id), ResultRow.class));
    }

    @Operation(summary = "A venue's bookings between two times", operationId = "getVenueCalendar")
    @GetMapping("/api/venues/{venue}/calendar")
    public Mono<List<VenueBookingResponse>> calendar(@PathVariable String venue,
                                                    @RequestParam(required = false) OffsetDateTime from,
                                                    @RequestParam(required = false) OffsetDateTime to) {
        return views.list(new VenueCalendarQuery(venueIdOf(venue), from == null ? null : from.toInstant(),
                                                 to == null ? null : to.toInstant()), VenueBooking.class)
                    .map(bookings -> bookings.stream().map(VenueBookingResponse::of).toList());
    }

    /** The event's view once it has applied the given version. */
    private Mono<FestivalEventSummary> caughtUp(String id, long version) {
        return views.visible(new FindFestivalEventQuery(id), FestivalEventSummary.class,
                             event -> event.version() >= version);
    }

    private Mono<FestivalEventSummary> event(String id) {
        return views.existing(new FindFestivalEventQuery(id), FestivalEventSummary.class,
                              "There is no festival event " + id);
    }
}
