package community.platform.api.volunteering;

import community.platform.api.personal.AuditorsView;
import community.platform.api.security.Callers;
import community.platform.api.web.ApiExceptionHandler;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.LiveStreams;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.RuleViolation;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import community.platform.shared.volunteering.CancelVolunteerPostCommand;
import community.platform.shared.volunteering.CheckInVolunteerCommand;
import community.platform.shared.volunteering.FindSignUpDecisionQuery;
import community.platform.shared.volunteering.FindVolunteerDutiesQuery;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.ListVolunteerPostsQuery;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.PublishVolunteerPostCommand;
import community.platform.shared.volunteering.RecordAttendanceCommand;
import community.platform.shared.volunteering.RescheduleVolunteerPostCommand;
import community.platform.shared.volunteering.SignUpDecision;
import community.platform.shared.volunteering.SignUpVolunteerCommand;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerRoster;
import community.platform.shared.volunteering.WithdrawSignUpCommand;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Uid;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Volunteering as the API and the pages use it: one command per intention, then the view that shows its outcome. The
 * controllers map HTTP to these calls and nothing else. Whoever acts is the caller of the exchange.
 */
@Service
public class Volunteering {

    public static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final Commands commands;
    private final Views views;
    private final LiveStreams liveStreams;

    Volunteering(Commands commands, Views views, LiveStreams liveStreams) {
        this.commands = commands;
        this.views = views;
        this.liveStreams = liveStreams;
    }

    /** Publishes a post (its id from the request's idempotency key, if any) and answers it once it shows. */
    public Mono<PostResponse> publish(PublishPostRequest request, String organizer, ServerWebExchange exchange) {
        String postId = IdempotencyKeys.newId(exchange, "post-");
        PublishVolunteerPostCommand command = new PublishVolunteerPostCommand(
                postId, organizer, request.title().strip(), request.description(), request.team().strip(),
                request.location().strip(), request.startsAt().toInstant(), request.endsAt().toInstant(),
                request.capacity(), instant(request.signupDeadline()),
                request.skills() == null ? List.of() : request.skills(),
                Neighbourhoods.orDefault(request.neighbourhoodId()));
        return commands.send(command, exchange)
                       .then(views.visible(new FindVolunteerPostQuery(postId), VolunteerPostSummary.class,
                                           post -> true))
                       .map(PostResponse::of);
    }

    public Mono<List<PostResponse>> posts(OffsetDateTime from, OffsetDateTime to, String team, String status,
                                          String neighbourhood) {
        return views.list(new ListVolunteerPostsQuery(instant(from), instant(to), team, status, null, neighbourhood),
                          VolunteerPostSummary.class)
                    .map(posts -> posts.stream().map(PostResponse::of).toList());
    }

    public Mono<PostResponse> post(String id) {
        return summary(id).map(PostResponse::of);
    }

    /** The post's counts now and at every change, in one of the caller's address's capped slots. */
    public Flux<PostCounts> counts(String id, ServerWebExchange exchange) {
        return liveStreams.capped(exchange, summary(id).thenMany(views.live(new FindVolunteerPostQuery(id),
                                                                            VolunteerPostSummary.class)))
                          .map(PostCounts::of);
    }

    /** The roster, for the post's organizer and auditors only; names masked for auditors. */
    public Mono<VolunteerRoster> roster(String id, Authentication caller) {
        return views.existing(new FindVolunteerRosterQuery(id), VolunteerRoster.class, noPost(id))
                    .filter(roster -> Callers.organizerOrAuditor(caller, roster.organizer()))
                    .map(roster -> AuditorsView.of(roster, caller))
                    .switchIfEmpty(Mono.error(() -> new ApiProblemException(Problems.forbidden(
                            "Only the post's organizer and auditors see its roster"))));
    }

    /**
     * One command: the request. The command side decides it (overlap, then seat or queue); this waits for the
     * decision, pushed by the query side, and answers it, or the refusal as a problem naming what it clashed with.
     */
    public Mono<SignUpResponse> signUp(String id, String volunteer, ServerWebExchange exchange) {
        return commands.<String>send(new SignUpVolunteerCommand(id, volunteer), exchange)
                       .onErrorMap(failure -> ApiExceptionHandler.causedBy(failure, AggregateNotFoundException.class),
                                   missing -> new ApiProblemException(Problems.notFound(noPost(id))))
                       .flatMap(requestId -> views.pushed(new FindSignUpDecisionQuery(id, volunteer, requestId),
                                                          SignUpDecision.class))
                       .map(decision -> {
                           if (decision.refusal() != null) {
                               throw refused(decision.refusal());
                           }
                           return new SignUpResponse(decision.outcome().status(),
                                                     decision.outcome().waitlistPosition());
                       });
    }

    /** The volunteer's time is given back by the command side; this waits for the roster to show them gone. */
    public Mono<Void> withdraw(String id, String volunteer, ServerWebExchange exchange) {
        return commands.<Long>send(new WithdrawSignUpCommand(id, volunteer), exchange)
                       .flatMap(version -> views.visible(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                         roster -> roster.version() >= version))
                       .then();
    }

    /** The caller's place on the post: CONFIRMED, WAITLISTED (with the position) or none. */
    public Mono<Place> place(String id, String volunteer) {
        return views.find(new FindVolunteerRosterQuery(id), VolunteerRoster.class)
                    .map(roster -> Place.of(roster, volunteer))
                    .defaultIfEmpty(Place.NONE);
    }

    /** Moves the post; its volunteers' slots follow on the command side. */
    public Mono<PostResponse> reschedule(String id, ScheduleRequest request, String organizer,
                                         ServerWebExchange exchange) {
        Instant startsAt = request.startsAt().toInstant();
        Instant endsAt = request.endsAt().toInstant();
        return commands.send(new RescheduleVolunteerPostCommand(id, organizer, startsAt, endsAt, request.reason()),
                             exchange)
                       .then(views.visible(new FindVolunteerPostQuery(id), VolunteerPostSummary.class,
                                           post -> post.startsAt().equals(startsAt)))
                       .map(PostResponse::of);
    }

    public Mono<PostResponse> cancel(String id, CancellationRequest request, String organizer,
                                     ServerWebExchange exchange) {
        return commands.send(new CancelVolunteerPostCommand(id, organizer, request.reason().strip()), exchange)
                       .then(views.visible(new FindVolunteerPostQuery(id), VolunteerPostSummary.class,
                                           post -> post.status() == PostStatus.CANCELLED))
                       .map(PostResponse::of);
    }

    /** Records (or corrects) when a volunteer came and went; answers the hours credited once the roster shows them. */
    public Mono<CreditedHours> attendance(String id, AttendanceRequest request, String organizer,
                                          ServerWebExchange exchange) {
        String volunteer = username(request.username());
        return commands.<Long>send(new RecordAttendanceCommand(id, organizer, volunteer,
                                                               request.checkedInAt().toInstant(),
                                                               request.checkedOutAt().toInstant(),
                                                               request.reason()), exchange)
                       .flatMap(minutes -> views.visible(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                         roster -> roster.confirmed().stream().anyMatch(
                                                                 c -> c.username().equals(volunteer)
                                                                         && minutes.equals(c.minutes())))
                                                .thenReturn(new CreditedHours(Hours.of(minutes))));
    }

    /** Marks a confirmed volunteer as arrived, now; answers the check-in time as the roster shows it. */
    public Mono<CheckIn> checkIn(String id, String username, String organizer, ServerWebExchange exchange) {
        String volunteer = username(username);
        return commands.<Long>send(new CheckInVolunteerCommand(id, organizer, volunteer), exchange)
                       .flatMap(version -> views.visible(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                         roster -> roster.version() >= version))
                       .map(roster -> roster.confirmed().stream().filter(c -> c.username().equals(volunteer))
                                            .findFirst().orElseThrow())
                       .map(seat -> new CheckIn(PostResponse.local(seat.checkedInAt())));
    }

    /** Records the attendance of a checked-in volunteer from their check-in until now; nothing if not checked in. */
    public Mono<CreditedHours> checkOut(String id, String username, String organizer, ServerWebExchange exchange) {
        return views.existing(new FindVolunteerRosterQuery(id), VolunteerRoster.class, noPost(id))
                    .flatMap(roster -> Mono.justOrEmpty(roster.confirmed().stream()
                                                              .filter(seat -> seat.username().equals(username))
                                                              .map(VolunteerRoster.Confirmed::checkedInAt)
                                                              .filter(Objects::nonNull).findFirst()))
                    .flatMap(in -> attendance(id, new AttendanceRequest(username, PostResponse.local(in),
                                                                        OffsetDateTime.now(), null),
                                              organizer, exchange));
    }

    /** The volunteer's duties: seats and queue places, with hours where recorded. */
    public Mono<List<VolunteerDuty>> duties(String volunteer) {
        return views.list(new FindVolunteerDutiesQuery(volunteer), VolunteerDuty.class);
    }

    /** The volunteer's confirmed duties as iCalendar, one VEVENT each. */
    public Mono<String> calendar(String volunteer) {
        return duties(volunteer).map(duties -> {
            Calendar calendar = new Calendar().withProdId("-//Community platform//Volunteer duties//ZH")
                                              .withDefaults()
                                              .getFluentTarget();
            duties.stream().filter(duty -> duty.status() == VolunteerDuty.Status.CONFIRMED).forEach(duty -> {
                VEvent event = new VEvent(duty.startsAt(), duty.endsAt(), duty.title());
                event.add(new Uid(duty.postId() + "@community-platform"));
                event.add(new Location(duty.location()));
                event.add(new Description("Volunteer duty " + duty.postId()));
                calendar.add(event);
            });
            StringWriter ics = new StringWriter();
            try {
                new CalendarOutputter(false).output(calendar, ics);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ics.toString();
        });
    }

    private Mono<VolunteerPostSummary> summary(String id) {
        return views.existing(new FindVolunteerPostQuery(id), VolunteerPostSummary.class, noPost(id));
    }

    private static ApiProblemException refused(RuleViolation refusal) {
        ProblemDetail problem = Problems.of(refusal.code(), refusal.detail());
        if (refusal.subject() != null) {
            problem.setProperty("subject", refusal.subject());
        }
        return new ApiProblemException(problem);
    }

    private static String username(String typed) {
        return typed.strip().toLowerCase(Locale.ROOT);
    }

    private static String noPost(String id) {
        return "There is no volunteer post " + id;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** A volunteer's place on a post: CONFIRMED, WAITLISTED (with the position), or none. */
    public record Place(String status, Integer position) {
        public static final Place NONE = new Place(null, null);

        static Place of(VolunteerRoster roster, String username) {
            if (roster.confirmed().stream().anyMatch(seat -> seat.username().equals(username))) {
                return new Place("CONFIRMED", null);
            }
            return roster.waitlist().stream().filter(w -> w.username().equals(username)).findFirst()
                         .map(w -> new Place("WAITLISTED", w.position())).orElse(NONE);
        }

        public boolean held() {
            return "CONFIRMED".equals(status) || "WAITLISTED".equals(status);
        }
    }
}
