package community.platform.api.festival;

import community.platform.api.accounts.Accounts;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.Views;
import community.platform.shared.RuleViolation;
import community.platform.shared.festival.CancelFestivalEventCommand;
import community.platform.shared.festival.EventStatus;
import community.platform.shared.festival.FestivalEventRejection;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.FindFestivalEventQuery;
import community.platform.shared.festival.FindFestivalEventRejectionQuery;
import community.platform.shared.festival.FindResultsQuery;
import community.platform.shared.festival.FindVenueBookingQuery;
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
import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static community.platform.shared.festival.BookVenueCommand.venueIdOf;

/**
 * The festival's use cases, for its API and its pages alike: one command per intention, then the answer as the views
 * show it. Scheduling and moving an event wait for the whole process (the venue booked, or the event moved, or the
 * clash that stopped it); the command side books, moves and releases venues itself.
 */
@Service
public class FestivalService {

    private final Commands commands;
    private final Views views;
    private final Accounts accounts;

    FestivalService(Commands commands, Views views, Accounts accounts) {
        this.commands = commands;
        this.views = views;
        this.accounts = accounts;
    }

    /** The event as scheduled, or the clash that refused it (a {@code venue-clash} naming the event in the way). */
    public Mono<EventResponse> schedule(FestivalRequests.ScheduleEvent request, Authentication caller,
                                        ServerWebExchange exchange) {
        String eventId = IdempotencyKeys.newId(exchange, "fe-");
        String venue = request.venue().strip();
        Mono<FestivalEventSummary> booked =
                views.visible(new FindVenueBookingQuery(venueIdOf(venue), eventId), VenueBooking.class, b -> true)
                     .then(views.visible(new FindFestivalEventQuery(eventId), FestivalEventSummary.class, e -> true));
        return commands.send(new ScheduleFestivalEventCommand(eventId, caller.getName(), request.title().strip(),
                                                              request.kind(), venue, request.startsAt().toInstant(),
                                                              request.endsAt().toInstant(), request.capacity(),
                                                              request.description(),
                                                              Neighbourhoods.orDefault(request.neighbourhoodId())),
                             exchange)
                       .then(answered(eventId, 0, booked))
                       .map(EventResponse::of);
    }

    public Mono<List<EventResponse>> list(String neighbourhood) {
        return views.list(new ListFestivalEventsQuery(null, neighbourhood), FestivalEventSummary.class)
                    .map(events -> events.stream().map(EventResponse::of).toList());
    }

    public Mono<EventResponse> detail(String id) {
        return event(id).map(EventResponse::of);
    }

    /** The event as moved, or the clash that kept it where it was; a blank venue keeps the event's venue. */
    public Mono<EventResponse> reschedule(String id, FestivalRequests.Reschedule request, Authentication caller,
                                          ServerWebExchange exchange) {
        Instant startsAt = request.startsAt().toInstant();
        Instant endsAt = request.endsAt().toInstant();
        String venue = request.venue() == null || request.venue().isBlank() ? null : request.venue().strip();
        return commands.<Integer>send(new RescheduleFestivalEventCommand(id, caller.getName(), venue, startsAt, endsAt,
                                                                         request.reason()), exchange)
                       .flatMap(number -> answered(id, number, views.visible(
                               new FindFestivalEventQuery(id), FestivalEventSummary.class,
                               moved -> moved.startsAt().equals(startsAt) && moved.endsAt().equals(endsAt)
                                       && (venue == null || venueIdOf(moved.venue()).equals(venueIdOf(venue))))))
                       .map(EventResponse::of);
    }

    /** The event as cancelled; its venue is released by the command side. */
    public Mono<EventResponse> cancel(String id, FestivalRequests.Cancel request, Authentication caller,
                                      ServerWebExchange exchange) {
        return commands.send(new CancelFestivalEventCommand(id, caller.getName(), request.reason().strip()), exchange)
                       .then(views.visible(new FindFestivalEventQuery(id), FestivalEventSummary.class,
                                           changed -> changed.status() == EventStatus.CANCELLED))
                       .map(EventResponse::of);
    }

    public Mono<RegistrationResponse> register(String id, Authentication caller, ServerWebExchange exchange) {
        return accounts.find(caller.getName()).map(account -> account.displayName()).defaultIfEmpty(caller.getName())
                       .flatMap(name -> commands.<RegistrationOutcome>send(
                               new RegisterForEventCommand(id, caller.getName(), name), exchange))
                       .flatMap(outcome -> caughtUp(id, outcome.version())
                               .thenReturn(new RegistrationResponse(outcome.status(), outcome.waitlistPosition())));
    }

    public Mono<Void> withdraw(String id, Authentication caller, ServerWebExchange exchange) {
        return commands.<Long>send(new WithdrawRegistrationCommand(id, caller.getName()), exchange)
                       .flatMap(version -> caughtUp(id, version))
                       .then();
    }

    public Mono<EntryResponse> enter(String id, FestivalRequests.Entry request, Authentication caller,
                                     ServerWebExchange exchange) {
        String entryId = IdempotencyKeys.newId(exchange, "entry-");
        return commands.<Long>send(new SubmitCoupletEntryCommand(id, entryId, caller.getName(), request.upperLine(),
                                                                 request.lowerLine(), request.horizontalScroll()),
                                   exchange)
                       .flatMap(version -> caughtUp(id, version))
                       .thenReturn(new EntryResponse(entryId));
    }

    public Mono<ScoreResponse> score(String id, String entryId, FestivalRequests.Score request, Authentication caller,
                                     ServerWebExchange exchange) {
        return commands.<Long>send(new ScoreEntryCommand(id, caller.getName(), entryId, request.judge().strip(),
                                                         request.score(), request.reason()), exchange)
                       .flatMap(version -> caughtUp(id, version))
                       .thenReturn(new ScoreResponse(entryId, request.judge().strip(), request.score()));
    }

    public Mono<List<ResultRow>> results(String id) {
        return event(id).then(views.list(new FindResultsQuery(id), ResultRow.class));
    }

    public Mono<List<VenueBookingResponse>> calendar(String venue, OffsetDateTime from, OffsetDateTime to) {
        return views.list(new VenueCalendarQuery(venueIdOf(venue), from == null ? null : from.toInstant(),
                                                 to == null ? null : to.toInstant()), VenueBooking.class)
                    .map(bookings -> bookings.stream().map(VenueBookingResponse::of).toList());
    }

    /**
     * The answer to request {@code request} of the event (0 schedules it, 1 and on move it): {@code done}, or the
     * refusal, answered as the venue's refusal of a command would be.
     */
    private Mono<FestivalEventSummary> answered(String id, int request, Mono<FestivalEventSummary> done) {
        Mono<FestivalEventSummary> refused =
                views.visible(new FindFestivalEventRejectionQuery(id, request), FestivalEventRejection.class,
                              rejection -> true)
                     .flatMap(rejection -> Mono.error(new CommandExecutionException(
                             rejection.detail(), null,
                             new RuleViolation(rejection.code(), rejection.detail(), rejection.subject()))));
        return Mono.firstWithSignal(done, refused);
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
