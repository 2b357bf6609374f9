package community.platform.api.volunteering;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
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
import java.time.OffsetDateTime;
import java.util.List;

/** The Volunteer posts section of docs/api.md: HTTP mapped to {@link Volunteering}. */
@Tag(name = "Volunteer posts")
@RestController
public class VolunteerPostController {

    private final Volunteering volunteering;

    VolunteerPostController(Volunteering volunteering) {
        this.volunteering = volunteering;
    }

    @Operation(summary = "Publish a volunteer post")
    @PostMapping("/api/volunteer-posts")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<PostResponse>> publish(
            @Valid @RequestBody PublishPostRequest request, Authentication caller, ServerWebExchange exchange) {
        return volunteering.publish(request, caller.getName(), exchange).map(VolunteerPostController::created);
    }

    /** A 201 with the post's address, for the API and for the page that publishes. */
    public static ResponseEntity<PostResponse> created(PostResponse post) {
        return ResponseEntity.created(URI.create("/api/volunteer-posts/" + post.id())).body(post);
    }

    @Operation(summary = "List volunteer posts", operationId = "listVolunteerPosts")
    @GetMapping("/api/volunteer-posts")
    public Mono<List<PostResponse>> list(@RequestParam(required = false) OffsetDateTime from,
                                         @RequestParam(required = false) OffsetDateTime to,
                                         @RequestParam(required = false) String team,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) String neighbourhood) {
        return volunteering.posts(from, to, team, status, neighbourhood);
    }

    @Operation(summary = "A volunteer post", operationId = "getVolunteerPost")
    @GetMapping("/api/volunteer-posts/{id}")
    public Mono<PostResponse> detail(@PathVariable String id) {
        return volunteering.post(id);
    }

    /** The post's counts as Server-Sent Events: now, then at every change, while the client listens. */
    @Operation(summary = "The post's counts as Server-Sent Events (event: counts), now and at every change")
    @ApiResponse(responseCode = "200", description = "Events named counts, each with the post's counts as its data",
                 content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                    schema = @Schema(implementation = PostCounts.class)))
    @GetMapping(path = "/api/volunteer-posts/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<PostCounts>> stream(@PathVariable String id, ServerWebExchange exchange) {
        return volunteering.counts(id, exchange).map(VolunteerPostController::event);
    }

    /** A count change as the stream sends it, for the API and for the page's script. */
    public static ServerSentEvent<PostCounts> event(PostCounts counts) {
        return ServerSentEvent.builder(counts).event("counts").build();
    }

    @Operation(summary = "The post's roster: confirmed volunteers with their attendance, and the waitlist",
               operationId = "getVolunteerPostRoster")
    @GetMapping("/api/volunteer-posts/{id}/roster")
    public Mono<PostRoster> roster(@PathVariable String id, Authentication caller) {
        return volunteering.roster(id, caller).map(PostRoster::of);
    }

    @Operation(summary = "Record or correct a volunteer's attendance", operationId = "recordVolunteerAttendance")
    @PostMapping("/api/volunteer-posts/{id}/attendance")
    public Mono<CreditedHours> attendance(@PathVariable String id, @Valid @RequestBody AttendanceRequest request,
                                          Authentication caller, ServerWebExchange exchange) {
        return volunteering.attendance(id, request, caller.getName(), exchange);
    }

    /** The check-out is the attendance record, from this time. */
    @Operation(summary = "Mark a confirmed volunteer as arrived, now")
    @PostMapping("/api/volunteer-posts/{id}/check-ins")
    public Mono<CheckIn> checkIn(@PathVariable String id, @Valid @RequestBody CheckInRequest request,
                                 Authentication caller, ServerWebExchange exchange) {
        return volunteering.checkIn(id, request.username(), caller.getName(), exchange);
    }

    @Operation(summary = "Sign the caller up for the post: a seat, or a place on the waitlist")
    @PostMapping("/api/volunteer-posts/{id}/signups")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<SignUpResponse>> signUp(@PathVariable String id, Authentication caller,
                                                       ServerWebExchange exchange) {
        return volunteering.signUp(id, caller.getName(), exchange)
                           .map(outcome -> ResponseEntity.status(HttpStatus.CREATED).body(outcome));
    }

    @Operation(summary = "Withdraw the caller's sign-up; the first on the waitlist moves up",
               operationId = "withdrawSignUp")
    @DeleteMapping("/api/volunteer-posts/{id}/signups/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> withdraw(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return volunteering.withdraw(id, caller.getName(), exchange);
    }

    @Operation(summary = "Move the post to new times", operationId = "rescheduleVolunteerPost")
    @PutMapping("/api/volunteer-posts/{id}/schedule")
    public Mono<PostResponse> reschedule(@PathVariable String id, @Valid @RequestBody ScheduleRequest request,
                                         Authentication caller, ServerWebExchange exchange) {
        return volunteering.reschedule(id, request, caller.getName(), exchange);
    }

    @Operation(summary = "Cancel the post", operationId = "cancelVolunteerPost")
    @PostMapping("/api/volunteer-posts/{id}/cancellation")
    public Mono<PostResponse> cancel(@PathVariable String id, @Valid @RequestBody CancellationRequest request,
                                     Authentication caller, ServerWebExchange exchange) {
        return volunteering.cancel(id, request, caller.getName(), exchange);
    }
}
