package community.platform.api.audit;

import community.platform.api.web.Commands;
import community.platform.shared.personal.RecordPersonalDataShownCommand;
import org.springframework.web.server.ServerWebExchange;
import java.security.Principal;
import java.util.UUID;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.audit.AuditEvent;
import community.platform.shared.audit.CheckIntegrityQuery;
import community.platform.shared.audit.ExplainPlacementQuery;
import community.platform.shared.audit.Explanation;
import community.platform.shared.audit.ExportEventsQuery;
import community.platform.shared.audit.ExportPage;
import community.platform.shared.audit.FindStreamEventsQuery;
import community.platform.shared.audit.FindStreamStateQuery;
import community.platform.shared.audit.IntegrityReport;
import community.platform.shared.audit.StreamVerification;
import community.platform.shared.audit.VerifyStreamQuery;
import org.springframework.http.server.reactive.ServerHttpResponse;
import community.platform.shared.audit.ListCorrectionsQuery;
import community.platform.shared.audit.RecordState;
import community.platform.shared.audit.Seal;
import community.platform.shared.audit.SealCheck;
import community.platform.shared.audit.SealQuery;
import community.platform.shared.audit.VerifySealQuery;
import org.apache.commons.csv.CSVFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** The audit half of "Audit and operations" in docs/api.md: history, past states, the log, integrity. */
@Tag(name = "Audit")
@RestController
public class AuditController {

    private static final CSVFormat CSV = CSVFormat.RFC4180;
    private static final int PAGE = 500;
    private static final String CSV_HEADER = CSV.format("position", "streamId", "sequence", "type", "timestamp",
                                                        "actor", "payload", "metadata") + "\r\n";

    private static final int MAX_REASON = 500;

    private final Views views;
    private final Commands commands;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public AuditController(Views views, Commands commands, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.views = views;
        this.commands = commands;
        this.json = json;
    }

    /**
     * The record's events. A record whose hash chain does not verify is marked: {@code Chain-Intact: false}, and
     * {@code Chain-Broken-From} names the first sequence that cannot be trusted. Personal fields read
     * {@code [masked]} unless a {@code reason} is given, which is recorded as an event before anything is shown;
     * {@code Personal-Data} says which.
     */
    @Operation(summary = "A record's events, with whether its hash chain holds in Chain-Intact; personal fields"
                         + " masked unless a reason is given (recorded)")
    @GetMapping("/api/audit/streams/{id}/events")
    public Mono<List<AuditEvent>> history(@PathVariable String id, @RequestParam(required = false) String reason,
                                          ServerHttpResponse response, ServerWebExchange exchange) {
        return markChain(id, response).then(shown(id, reason, response, exchange))
                                      .flatMap(unmasked -> history(id, unmasked));
    }

    public Mono<List<AuditEvent>> history(String id, boolean unmasked) {
        return views.list(new FindStreamEventsQuery(id, unmasked), AuditEvent.class)
                    .filter(events -> !events.isEmpty())
                    .switchIfEmpty(Mono.error(() -> noRecord(id)));
    }

    private Mono<Boolean> shown(String id, String reason, ServerHttpResponse response, ServerWebExchange exchange) {
        return personalDataShown(id, reason, exchange).doOnNext(
                shown -> response.getHeaders().set("Personal-Data", shown ? "shown" : "masked"));
    }

    /**
     * Whether to show a record's personal fields, for the API and the auditor's pages alike: only for a stated reason
     * (1 to {@value #MAX_REASON} characters; a 422 otherwise), recorded as an event before anything is shown.
     */
    public Mono<Boolean> personalDataShown(String id, String reason, ServerWebExchange exchange) {
        if (reason == null) {
            return Mono.just(false);
        }
        String why = reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            return Mono.error(new ApiProblemException(Problems.of(
                    HttpStatus.UNPROCESSABLE_ENTITY, "validation", "Invalid request",
                    "reason: say why personal data must be shown, in 1 to " + MAX_REASON + " characters")));
        }
        return exchange.getPrincipal().map(Principal::getName)
                       .switchIfEmpty(Mono.error(() -> new IllegalStateException("No one is signed in to give a reason")))
                       .flatMap(auditor -> commands.send(new RecordPersonalDataShownCommand(
                               UUID.randomUUID().toString(), auditor, id, why), exchange))
                       .thenReturn(true);
    }

    /** Whether the record's hash chain verifies, and from which sequence it does not. */
    @Operation(summary = "Whether a record's hash chain holds, and from which sequence it does not")
    @GetMapping("/api/audit/streams/{id}/verification")
    public Mono<StreamVerification> verification(@PathVariable String id) {
        return views.find(new VerifyStreamQuery(id), StreamVerification.class);
    }

    private Mono<StreamVerification> markChain(String id, ServerHttpResponse response) {
        return verification(id).doOnNext(chain -> {
            response.getHeaders().set("Chain-Intact", String.valueOf(chain.intact()));
            if (!chain.intact()) {
                response.getHeaders().set("Chain-Broken-From", String.valueOf(chain.brokenFrom()));
            }
        });
    }

    /** The record as it stood at {@code asOf} (now when left out). */
    @Operation(summary = "A record's state as it stood at an instant; personal fields masked unless a reason is"
                         + " given (recorded)")
    @GetMapping("/api/audit/streams/{id}/state")
    public Mono<RecordState> state(@PathVariable String id, @RequestParam(required = false) OffsetDateTime asOf,
                                   @RequestParam(required = false) String reason, ServerHttpResponse response,
                                   ServerWebExchange exchange) {
        return markChain(id, response).then(shown(id, reason, response, exchange))
                                      .flatMap(unmasked -> state(id, asOf, unmasked));
    }

    public Mono<RecordState> state(String id, OffsetDateTime asOf, boolean unmasked) {
        Instant at = asOf == null ? Instant.now() : asOf.toInstant();
        return views.find(new FindStreamStateQuery(id, at, unmasked), RecordState.class)
                    .switchIfEmpty(Mono.error(() -> noRecord(id)))
                    .filter(state -> state.recordType() != null)
                    .switchIfEmpty(Mono.error(() -> new ApiProblemException(Problems.of(
                            HttpStatus.UNPROCESSABLE_ENTITY, "no-past-state", "No past state for this record",
                            "The record " + id + " has a history, but its kind has no state to show"))));
    }

    /** The global log, oldest first, one JSON object a line, streamed as it is read: never held in memory. */
    @Operation(summary = "The global event log, oldest first, streamed: NDJSON, or CSV with format=csv",
               operationId = "exportEvents")
    @GetMapping(path = "/api/audit/events", produces = "application/x-ndjson")
    public Flux<AuditEvent> log(@RequestParam(required = false) OffsetDateTime from,
                                @RequestParam(required = false) OffsetDateTime to,
                                @RequestParam(required = false) String type,
                                @RequestParam(required = false) String actor,
                                @RequestParam(required = false) String format) {
        if (format != null && !format.equalsIgnoreCase("ndjson")) {
            throw new ApiProblemException(Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                                                      "format is ndjson (the default) or csv, not " + format));
        }
        ExportEventsQuery first = new ExportEventsQuery(from == null ? null : from.toInstant(),
                                                        to == null ? null : to.toInstant(), blankToNull(type),
                                                        blankToNull(actor), null, PAGE);
        return pages(first, first::next);
    }

    /** The same log as CSV (RFC 4180), a header line first; payload and metadata are JSON in their cells. */
    @Operation(summary = "The global event log, oldest first, streamed: NDJSON, or CSV with format=csv",
               operationId = "exportEvents")
    @GetMapping(path = "/api/audit/events", params = "format=csv", produces = "text/csv")
    public Flux<String> csv(@RequestParam(required = false) OffsetDateTime from,
                            @RequestParam(required = false) OffsetDateTime to,
                            @RequestParam(required = false) String type,
                            @RequestParam(required = false) String actor) {
        return Flux.concat(Flux.just(CSV_HEADER), log(from, to, type, actor, null).map(this::csvLine));
    }

    /** Continues from where the last check settled; {@code ?full=true} walks the whole log again. */
    @Operation(summary = "Check every record's hash chain and every global position")
    @GetMapping("/api/audit/integrity")
    public Mono<IntegrityReport> integrity(@RequestParam(defaultValue = "false") boolean full) {
        return views.find(new CheckIntegrityQuery(full), IntegrityReport.class);
    }

    @Operation(summary = "A seal: a digest over every record's head up to a position, to keep outside")
    @GetMapping("/api/audit/seal")
    public Mono<Seal> seal(@RequestParam(required = false) Long position) {
        return views.find(new SealQuery(position), Seal.class);
    }

    @Operation(summary = "Whether a seal kept earlier still matches the log")
    @GetMapping("/api/audit/seal/verify")
    public Mono<SealVerification> verifySeal(@RequestParam long position, @RequestParam String digest) {
        return views.find(new VerifySealQuery(position, digest), SealCheck.class)
                    .map(check -> new SealVerification(position, check.verified(), check.resealedAt(),
                                                       check.digestAfter()));
    }

    /** Why someone was seated, queued or moved up: {@code postId}, {@code eventId} or {@code courseId}, and username. */
    @Operation(summary = "Why someone was seated, queued or moved up, with the recorded inputs")
    @GetMapping("/api/audit/explain/waitlist")
    public Mono<Explanation> explain(@RequestParam(required = false) String postId,
                                     @RequestParam(required = false) String eventId,
                                     @RequestParam(required = false) String courseId,
                                     @RequestParam String username) {
        List<String> ids = Stream.of(postId, eventId, courseId).filter(id -> id != null && !id.isBlank()).toList();
        if (ids.size() != 1) {
            return Mono.error(new ApiProblemException(Problems.of(HttpStatus.BAD_REQUEST, "validation",
                                                                   "Invalid request",
                                                                   "Give one of postId, eventId or courseId")));
        }
        return views.find(new ExplainPlacementQuery(ids.get(0), username.strip()), Explanation.class)
                    .switchIfEmpty(Mono.error(() -> noRecord(ids.get(0))));
    }

    /** Every correction, oldest first, as a JSON array written as it is read: never held in memory. */
    @Operation(summary = "Every correction (attendance, hours, scores) with its actor and reason")
    @GetMapping("/api/audit/corrections")
    public Flux<AuditEvent> corrections() {
        ListCorrectionsQuery first = new ListCorrectionsQuery(null, PAGE);
        return pages(first, first::next);
    }

    /**
     * The events of the pages that start at {@code first}: a page at a time, the next ({@code next} of the page's
     * cursor) asked for when the one before has been taken, so never the whole log in memory.
     */
    private Flux<AuditEvent> pages(Object first, Function<ExportEventsQuery.Cursor, Object> next) {
        return views.find(first, ExportPage.class)
                    .expand(page -> page.next() == null ? Mono.empty()
                                                        : views.find(next.apply(page.next()), ExportPage.class))
                    .concatMapIterable(ExportPage::events);
    }

    private String csvLine(AuditEvent e) {
        try {
            return CSV.format(e.position(), e.streamId(), e.sequence(), e.type(), e.timestamp(), e.actor(),
                              json.writeValueAsString(e.payload()), json.writeValueAsString(e.metadata())) + "\r\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static ApiProblemException noRecord(String id) {
        return new ApiProblemException(Problems.notFound("There is no record " + id + " in the event store"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
