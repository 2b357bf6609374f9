package community.platform.api.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.platform.api.audit.AuditController;
import community.platform.api.audit.ProjectionController;
import community.platform.api.audit.SealVerification;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.LocalTime;
import community.platform.shared.audit.AuditEvent;
import community.platform.shared.audit.ProjectionStatus;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Auditors' pages: a record's timeline with an "as of" slider that shows the record as it stood after any event; the
 * log's integrity and seal; a search of the global log with export; the projections with rebuild and diff.
 */
@Controller
public class AuditorPages {

    private final AuditController audit;
    private final ProjectionController projections;
    private final ObjectMapper json;
    private final PageForms forms;
    private final MessageSource messages;

    AuditorPages(AuditController audit, ProjectionController projections, ObjectMapper json, PageForms forms,
                 MessageSource messages) {
        this.audit = audit;
        this.projections = projections;
        this.json = json;
        this.forms = forms;
        this.messages = messages;
    }

    /** Asks for a record's id. */
    @GetMapping("/auditor")
    Rendering index(@RequestParam(required = false) String record) {
        return record == null || record.isBlank() ? Rendering.view("auditor/index").build()
                                                  : Rendering.redirectTo("/auditor/records/" + record.strip()).build();
    }

    /**
     * The record's events, oldest first, and its state just after event number {@code at} (the last when left out):
     * the state the platform builds from the events up to that event's time, personal fields masked.
     */
    @GetMapping("/auditor/records/{id}")
    Mono<Rendering> record(@PathVariable String id, @RequestParam(required = false) Integer at,
                           ServerWebExchange exchange, Locale locale) {
        return record(id, at, null, false, exchange, locale);
    }

    /** What an auditor asks to see with a reason they state, sent as a form (a link cannot state it for them). */
    public record ShowPersonalData(Integer at, String reason) {
    }

    /**
     * The same with personal fields shown for the reason the auditor stated, recorded before the page is made; a
     * reason refused (blank, too long) gives the masked page with the form saying why.
     */
    @PostMapping("/auditor/records/{id}")
    Mono<Rendering> recordShown(@PathVariable String id, @ModelAttribute ShowPersonalData form,
                                ServerWebExchange exchange, Locale locale) {
        String reason = form.reason() == null ? "" : form.reason();
        return audit.personalDataShown(id, reason, exchange)
                    .onErrorResume(ApiProblemException.class, refused -> Mono.just(false))
                    .flatMap(shown -> record(id, form.at(), shown ? reason.strip() : null, !shown, exchange, locale));
    }

    @SuppressWarnings("unchecked")
    private Mono<Rendering> record(String id, Integer at, String reason, boolean reasonRefused,
                                   ServerWebExchange exchange, Locale locale) {
        boolean shown = reason != null;
        return Mono.zip(audit.history(id, shown), audit.verification(id)).flatMap(found -> {
            List<AuditEvent> events = found.getT1();
            int chosen = at == null ? events.size() - 1 : Math.max(0, Math.min(at, events.size() - 1));
            OffsetDateTime asOf = LocalTime.of(events.get(chosen).timestamp());
            return audit.state(id, asOf, shown).map(state -> {
                Map<String, Object> fields = json.convertValue(state.state(), Map.class);
                Map<String, Object> roster = fields == null ? null : (Map<String, Object>) fields.remove("roster");
                return Rendering.view("auditor/record")
                                .modelAttribute("id", id)
                                .modelAttribute("events", events.stream().map(event -> row(event, locale)).toList())
                                .modelAttribute("at", chosen)
                                .modelAttribute("asOf", asOf)
                                .modelAttribute("recordType", String.valueOf(state.recordType()))
                                .modelAttribute("fields", fields == null ? List.of() : fields(fields, locale))
                                .modelAttribute("roster", roster == null ? Map.of() : roster)
                                .modelAttribute("chain", found.getT2())
                                .modelAttribute("reason", reason)
                                .modelAttribute("reasonRefused", reasonRefused)
                                .build();
            });
        }).onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** One event as the timeline and the log show it: time in Beijing time, payload as compact JSON. */
    public record Row(Long position, String streamId, long sequence, String type, String label,
                      OffsetDateTime timestamp, String actor, String payload) {
    }

    /** The event with its type named in the page's language (the type itself when there is no name for it). */
    private Row row(AuditEvent event, Locale locale) {
        try {
            return new Row(event.position(), event.streamId(), event.sequence(), event.type(),
                           messages.getMessage("event." + event.type(), null, event.type(), locale),
                           LocalTime.of(event.timestamp()), event.actor(), json.writeValueAsString(event.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether every stream's hash chain holds, the seal over the log as it stands, and a form to check a seal. */
    @GetMapping("/auditor/integrity")
    Mono<Rendering> integrity(@RequestParam(required = false) String position,
                              @RequestParam(required = false) String digest,
                              @RequestParam(defaultValue = "false") boolean full, ServerWebExchange exchange,
                              Locale locale) {
        Long at = position == null || !position.strip().matches("\\d{1,18}") ? null : Long.valueOf(position.strip());
        boolean checking = position != null || digest != null;
        boolean valid = at != null && digest != null && !digest.isBlank();
        Mono<Optional<SealVerification>> checked = checking && valid
                ? audit.verifySeal(at, digest.strip()).map(Optional::of) : Mono.just(Optional.empty());
        return Mono.zip(audit.integrity(full), audit.seal(null), checked)
                   .map(found -> Rendering.view("auditor/integrity")
                                          .modelAttribute("report", found.getT1())
                                          .modelAttribute("seal", found.getT2())
                                          .modelAttribute("sealedAt", LocalTime.of(found.getT2().sealedAt()))
                                          .modelAttribute("verified", !checking ? "" : !valid ? "invalid"
                                                  : String.valueOf(found.getT3().orElseThrow().verified()))
                                          .modelAttribute("resealed", found.getT3()
                                                  .filter(check -> check.resealedAt() != null).orElse(null))
                                          .modelAttribute("position", position == null ? "" : position)
                                          .modelAttribute("digest", digest == null ? "" : digest)
                                          .build())
                   .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /**
     * The global log filtered by time (Beijing, as typed), event type and actor: the first {@value #LOG_PAGE} events
     * on the page, all of them through the export links.
     */
    @GetMapping("/auditor/log")
    Mono<Rendering> log(@ModelAttribute LogSearch search, ServerWebExchange exchange, Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        OffsetDateTime from = typed.time("from", search.from());
        OffsetDateTime to = typed.time("to", search.to());
        Rendering.Builder<?> page = Rendering.view("auditor/log").modelAttribute("search", search)
                                             .modelAttribute("invalid", typed.invalid());
        if (!typed.invalid().isEmpty()) {
            return Mono.just(page.modelAttribute("events", List.of()).modelAttribute("more", false)
                                 .status(HttpStatus.BAD_REQUEST).build());
        }
        return audit.log(from, to, search.type(), search.actor(), null).take(LOG_PAGE + 1)
                    .map(event -> row(event, locale)).collectList()
                    .map(rows -> page.modelAttribute("events", rows.subList(0, Math.min(rows.size(), LOG_PAGE)))
                                     .modelAttribute("more", rows.size() > LOG_PAGE)
                                     .modelAttribute("export", exportQuery(search, from, to))
                                     .build())
                    .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** The log search's fields as typed. */
    public record LogSearch(String from, String to, String type, String actor) {
    }

    static final int LOG_PAGE = 200;

    /** The same search for the export links, with the times as the API takes them. */
    private static String exportQuery(LogSearch search, OffsetDateTime from, OffsetDateTime to) {
        return UriComponentsBuilder.newInstance()
                .queryParamIfPresent("from", Optional.ofNullable(from))
                .queryParamIfPresent("to", Optional.ofNullable(to))
                .queryParamIfPresent("type", Optional.ofNullable(TypedFields.blankToNull(search.type())))
                .queryParamIfPresent("actor", Optional.ofNullable(TypedFields.blankToNull(search.actor())))
                .encode().build().getQuery();
    }

    /** Every event the search finds, as a download: CSV, or one JSON object a line. */
    @GetMapping("/auditor/log/export")
    @ResponseBody
    ResponseEntity<Flux<String>> export(@RequestParam(required = false) OffsetDateTime from,
                                   @RequestParam(required = false) OffsetDateTime to,
                                   @RequestParam(required = false) String type,
                                   @RequestParam(required = false) String actor,
                                   @RequestParam(defaultValue = "csv") String format) {
        boolean csv = !"ndjson".equals(format);
        return ResponseEntity.ok()
                             .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                     .filename("audit-log." + (csv ? "csv" : "ndjson")).build().toString())
                             .contentType(csv ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                                              : MediaType.APPLICATION_NDJSON)
                             .body(csv ? audit.csv(from, to, type, actor)
                                       : audit.log(from, to, type, actor, null).map(this::jsonLine));
    }

    private String jsonLine(AuditEvent event) {
        try {
            return json.writeValueAsString(event) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each event processor: running or not, how far it has read, a rebuild's progress; the page reloads during one. */
    @GetMapping("/auditor/projections")
    Mono<Rendering> projections(ServerWebExchange exchange, Locale locale) {
        return projections.projections()
                          .map(all -> Rendering.view("auditor/projections").modelAttribute("projections", all)
                                               .modelAttribute("lastReplays", lastReplays(all, messages, locale))
                                               .modelAttribute("replaying", all.stream()
                                                                               .anyMatch(ProjectionStatus::replaying))
                                               .build())
                          .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    private static final Pattern COMPLETED = Pattern.compile(
            "completed (\\S+): (\\d+) events in (\\d+) ms");
    private static final Pattern FAILED = Pattern.compile("failed (\\S+): (.*)", Pattern.DOTALL);

    /**
     * Each processor's last rebuild in the page's language: when, how many events and how long; or when it failed,
     * with the error as logged.
     */
    static Map<String, String> lastReplays(List<ProjectionStatus> all, MessageSource messages, Locale locale) {
        Map<String, String> shown = new HashMap<>();
        all.stream().filter(p -> p.lastReplay() != null).forEach(p -> {
            Matcher completed = COMPLETED.matcher(p.lastReplay());
            Matcher failed = FAILED.matcher(p.lastReplay());
            if (completed.matches()) {
                shown.put(p.name(), messages.getMessage("projections.lastReplayCompleted", new Object[]{
                        beijing(Instant.parse(completed.group(1))), Long.valueOf(completed.group(2)),
                        Long.valueOf(completed.group(3))}, locale));
            } else if (failed.matches()) {
                shown.put(p.name(), messages.getMessage("projections.lastReplayFailed", new Object[]{
                        beijing(Instant.parse(failed.group(1))), failed.group(2)}, locale));
            } else {
                shown.put(p.name(), p.lastReplay());
            }
        });
        return shown;
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** An instant as the audit pages write it: Beijing time to the second. */
    private static String beijing(Instant instant) {
        return LocalTime.of(instant).format(SECONDS);
    }

    /** Starts a rebuild of one processor's views beside the live ones (ADMIN). */
    @PostMapping("/auditor/projections/{name}/replay")
    Mono<Rendering> replay(@PathVariable String name, ServerWebExchange exchange, Locale locale) {
        return projections.replay(name, exchange)
                          .thenReturn(Rendering.redirectTo("/auditor/projections").build())
                          .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** The documents of one processor's views that a fresh rebuild would change. */
    @GetMapping("/auditor/projections/{name}/diff")
    Mono<Rendering> diff(@PathVariable String name, ServerWebExchange exchange, Locale locale) {
        return projections.diff(name)
                          .map(diff -> Rendering.view("auditor/diff").modelAttribute("diff", diff).build())
                          .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** A field of a record's state: its name in the page's language, and its value (times in Beijing time). */
    public record Field(String label, Object value) {
    }

    /** The state's fields that are single values; lists and nested objects are shown on their own. */
    private List<Field> fields(Map<String, Object> state, Locale locale) {
        List<Field> shown = new ArrayList<>();
        state.forEach((name, value) -> {
            if (!(value instanceof List<?>) && !(value instanceof Map<?, ?>)) {
                shown.add(new Field(messages.getMessage("state." + name, null, name, locale), shown(name, value, locale)));
            }
        });
        return shown;
    }

    private Object shown(String name, Object value, Locale locale) {
        if ("status".equals(name) && value != null) {
            return messages.getMessage("status." + value, null, String.valueOf(value), locale);
        }
        if (value instanceof String text && text.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
            try {
                return beijing(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return value;
    }
}
