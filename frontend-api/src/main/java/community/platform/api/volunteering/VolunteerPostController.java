package community.platform.api.volunteering;

import community.platform.api.accounts.Accounts;
import community.platform.api.security.Callers;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.Holds;
import community.platform.api.web.LiveStreams;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.volunteering.CancelVolunteerPostCommand;
import community.platform.shared.volunteering.CheckInVolunteerCommand;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.ListVolunteerPostsQuery;
import community.platform.shared.volunteering.PublishVolunteerPostCommand;
import community.platform.shared.volunteering.RecordAttendanceCommand;
import community.platform.shared.volunteering.RescheduleVolunteerPostCommand;
import community.platform.shared.volunteering.SignUpOutcome;
import community.platform.shared.volunteering.SignUpVolunteerCommand;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerRoster;
import community.platform.shared.volunteering.WithdrawSignUpCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** The Volunteer posts section of docs/api.md (so far: posts, sign-ups, roster, schedule, cancellation). */
@Tag(name = "Volunteer posts")
@RestController
public class VolunteerPostController {

    private final Commands commands;
    private final Views views;
    private final Accounts accounts;
    private final Schedules schedules;
    private final LiveStreams liveStreams;

    public VolunteerPostController(Commands commands, Views views, Accounts accounts, Schedules schedules,
                                   LiveStreams liveStreams) {
        this.commands = commands;
        this.views = views;
        this.accounts = accounts;
        this.schedules = schedules;
        this.liveStreams = liveStreams;
    }

    @Operation(summary = "Publish a volunteer post")
    @PostMapping("/api/volunteer-posts")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<PostResponse>> publish(
            @Valid @RequestBody PublishPostRequest request, Authentication caller, ServerWebExchange exchange) {
        String postId = IdempotencyKeys.newId(exchange, "post-");
        PublishVolunteerPostCommand command = new PublishVolunteerPostCommand(
                postId, caller.getName(), request.title().strip(), request.description(), request.team().strip(),
                request.location().strip(), request.startsAt().toInstant(), request.endsAt().toInstant(),
                request.capacity(), instant(request.signupDeadline()),
                request.skills() == null ? List.of() : request.skills());
        return commands.send(command, exchange)
                       .then(views.visible(new FindVolunteerPostQuery(postId), VolunteerPostSummary.class,
                                           post -> true))
                       .map(post -> ResponseEntity.created(URI.create("/api/volunteer-posts/" + postId))
                                                  .body(PostResponse.of(post)));
    }

    @Operation(summary = "List volunteer posts", operationId = "listVolunteerPosts")
    @GetMapping("/api/volunteer-posts")
    public Mono<List<PostResponse>> list(@RequestParam(required = false) OffsetDateTime from,
                                         @RequestParam(required = false) OffsetDateTime to,
                                         @RequestParam(required = false) String team,
                                         @RequestParam(required = false) String status) {
        return views.list(new ListVolunteerPostsQuery(instant(from), instant(to), team, status),
                          VolunteerPostSummary.class)
                    .map(posts -> posts.stream().map(PostResponse::of).toList());
    }

    @Operation(summary = "A volunteer post", operationId = "getVolunteerPost")
    @GetMapping("/api/volunteer-posts/{id}")
    public Mono<PostResponse> detail(@PathVariable String id) {
        return post(id).map(PostResponse::of);
    }

    /**
     * The post's counts as Server-Sent Events: now, then at every change, while the client listens; in one of the
     * caller's address's capped slots ({@link LiveStreams}).
     */
    @Operation(summary = "The post's counts as Server-Sent Events (event: counts), now and at every change")
    @ApiResponse(responseCode = "200", description = "Events named counts, each with the post's counts as its data",
                 content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                    schema = @Schema(implementation = PostCounts.class)))
    @GetMapping(path = "/api/volunteer-posts/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<PostCounts>> stream(@PathVariable String id, ServerWebExchange exchange) {
        return liveStreams.capped(exchange, post(id).thenMany(views.live(new FindVolunteerPostQuery(id),
                                                                         VolunteerPostSummary.class)))
                       .map(post -> ServerSentEvent.builder(PostCounts.of(post)).event("counts").build());
    }

    @Operation(summary = "The post's roster: confirmed volunteers with their attendance, and the waitlist",
               operationId = "getVolunteerPostRoster")
    @GetMapping("/api/volunteer-posts/{id}/roster")
    public Mono<PostRoster> roster(@PathVariable String id, Authentication caller) {
        return views.existing(new FindVolunteerRosterQuery(id), VolunteerRoster.class, noPost(id))
                    .map(roster -> {
                        if (!Callers.organizerOrAuditor(caller, roster.organizer())) {
                            throw new ApiProblemException(Problems.forbidden(
                                    "Only the post's organizer and auditors see its roster"));
                        }
                        return PostRoster.of(roster);
                    });
    }

    /** Records (or corrects) when a volunteer came and went; answers the hours credited. */
    @Operation(summary = "Record or correct a volunteer's attendance", operationId = "recordVolunteerAttendance")
    @PostMapping("/api/volunteer-posts/{id}/attendance")
    public Mono<CreditedHours> attendance(@PathVariable String id,
                                                    @Valid @RequestBody AttendanceRequest request,
                                                    Authentication caller, ServerWebExchange exchange) {
        String volunteer = request.username().strip().toLowerCase(java.util.Locale.ROOT);
        return commands.<Long>send(new RecordAttendanceCommand(id, caller.getName(), volunteer,
                                                               request.checkedInAt().toInstant(),
                                                               request.checkedOutAt().toInstant(),
                                                               request.reason()), exchange)
                       .flatMap(minutes -> views.visible(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                         roster -> roster.confirmed().stream().anyMatch(
                                                                 c -> c.username().equals(volunteer)
                                                                         && minutes.equals(c.minutes())))
                                                .thenReturn(new CreditedHours(Hours.of(minutes))));
    }

    /**
     * Marks a confirmed volunteer as arrived, now (one tap on the roster); a second check-in changes nothing. The
     * check-out is the attendance record, from this time. Answers the check-in time.
     */
    @Operation(summary = "Mark a confirmed volunteer as arrived, now")
    @PostMapping("/api/volunteer-posts/{id}/check-ins")
    public Mono<CheckIn> checkIn(@PathVariable String id, @Valid @RequestBody CheckInRequest request,
                                                     Authentication caller, ServerWebExchange exchange) {
        String volunteer = request.username().strip().toLowerCase(java.util.Locale.ROOT);
        return commands.<Long>send(new CheckInVolunteerCommand(id, caller.getName(), volunteer), exchange)
                       .flatMap(version -> views.visible(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                         roster -> roster.version() >= version))
                       .map(roster -> roster.confirmed().stream().filter(c -> c.username().equals(volunteer))
                                            .findFirst().orElseThrow())
                       .map(seat -> new CheckIn(PostResponse.local(seat.checkedInAt())));
    }

    /** {@code POST /api/volunteer-posts/{id}/check-ins}. */
    public record CheckInRequest(@jakarta.validation.constraints.NotBlank String username) {
    }

    /**
     * Signs the caller up: first their schedule holds the time (refused when it overlaps a duty they hold), then the
     * post decides seat or queue. If the post refuses, the time is released again.
     */
    @Operation(summary = "Sign the caller up for the post: a seat, or a place on the waitlist")
    @PostMapping("/api/volunteer-posts/{id}/signups")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<SignUpResponse>> signUp(@PathVariable String id, Authentication caller,
                                                       ServerWebExchange exchange) {
        String volunteer = caller.getName();
        return post(id).flatMap(post -> Holds.thenJoin(
                               schedules.hold(volunteer, post, exchange),
                               accounts.find(volunteer).map(account -> account.displayName()).defaultIfEmpty(volunteer)
                                       .flatMap(name -> commands.<SignUpOutcome>send(
                                               new SignUpVolunteerCommand(id, volunteer, name), exchange)),
                               ErrorCode.ALREADY_SIGNED_UP, schedules.release(volunteer, id, exchange)))
                       .flatMap(outcome -> views.visible(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                         roster -> holdsPlace(roster, volunteer))
                                                .thenReturn(ResponseEntity.status(HttpStatus.CREATED)
                                                                          .body(SignUpResponse.of(outcome))));
    }

    @Operation(summary = "Withdraw the caller's sign-up; the first on the waitlist moves up",
               operationId = "withdrawSignUp")
    @DeleteMapping("/api/volunteer-posts/{id}/signups/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> withdraw(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return commands.<Long>send(new WithdrawSignUpCommand(id, caller.getName()), exchange)
                       .flatMap(version -> views.visible(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                         roster -> roster.version() >= version))
                       .then(schedules.release(caller.getName(), id, exchange));
    }

    @Operation(summary = "Move the post to new times", operationId = "rescheduleVolunteerPost")
    @PutMapping("/api/volunteer-posts/{id}/schedule")
    public Mono<PostResponse> reschedule(@PathVariable String id, @Valid @RequestBody ScheduleRequest request,
                                         Authentication caller, ServerWebExchange exchange) {
        Instant startsAt = request.startsAt().toInstant();
        Instant endsAt = request.endsAt().toInstant();
        return commands.send(new RescheduleVolunteerPostCommand(id, caller.getName(), startsAt, endsAt,
                                                                request.reason()), exchange)
                       .then(views.visible(new FindVolunteerPostQuery(id), VolunteerPostSummary.class,
                                           post -> post.startsAt().equals(startsAt)))
                       .flatMap(post -> schedules.move(id, startsAt, endsAt, exchange).thenReturn(post))
                       .map(PostResponse::of);
    }

    @Operation(summary = "Cancel the post", operationId = "cancelVolunteerPost")
    @PostMapping("/api/volunteer-posts/{id}/cancellation")
    public Mono<PostResponse> cancel(@PathVariable String id, @Valid @RequestBody CancellationRequest request,
                                     Authentication caller, ServerWebExchange exchange) {
        return commands.send(new CancelVolunteerPostCommand(id, caller.getName(), request.reason().strip()), exchange)
                       .then(views.visible(new FindVolunteerPostQuery(id), VolunteerPostSummary.class,
                                           post -> "CANCELLED".equals(post.status())))
                       .map(PostResponse::of);
    }

    private Mono<VolunteerPostSummary> post(String id) {
        return views.existing(new FindVolunteerPostQuery(id), VolunteerPostSummary.class, noPost(id));
    }

    /** {@code {status, waitlistPosition?}}: the position only for a place in the queue. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record SignUpResponse(SignUpOutcome.Status status, Integer waitlistPosition) {
        static SignUpResponse of(SignUpOutcome outcome) {
            return new SignUpResponse(outcome.status(), outcome.waitlistPosition());
        }
    }

    static boolean holdsPlace(VolunteerRoster roster, String username) {
        return roster.confirmed().stream().anyMatch(c -> c.username().equals(username))
                || roster.waitlist().stream().anyMatch(w -> w.username().equals(username));
    }

    private static String noPost(String id) {
        return "There is no volunteer post " + id;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
