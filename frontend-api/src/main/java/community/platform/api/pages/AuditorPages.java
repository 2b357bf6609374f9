package community.platform.api.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.platform.api.audit.AuditController;
import community.platform.api.web.LocalTime;
import community.platform.shared.audit.AuditEvent;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Auditors' pages: a record's timeline, and an "as of" slider that shows the record as it stood after any event. */
@Controller
public class AuditorPages {

    private final AuditController audit;
    private final ObjectMapper json;
    private final PageForms forms;
    private final MessageSource messages;

    AuditorPages(AuditController audit, ObjectMapper json, PageForms forms, MessageSource messages) {
        this.audit = audit;
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
     * the state the platform builds from the events up to that event's time.
     */
    @GetMapping("/auditor/records/{id}")
    @SuppressWarnings("unchecked")
    Mono<Rendering> record(@PathVariable String id, @RequestParam(required = false) Integer at,
                           ServerWebExchange exchange, Locale locale) {
        return audit.history(id).flatMap(events -> {
            int chosen = at == null ? events.size() - 1 : Math.max(0, Math.min(at, events.size() - 1));
            OffsetDateTime asOf = LocalTime.of(events.get(chosen).timestamp());
            return audit.state(id, asOf).map(state -> {
                Map<String, Object> fields = json.convertValue(state.state(), Map.class);
                Map<String, Object> roster = fields == null ? null : (Map<String, Object>) fields.remove("roster");
                return Rendering.view("auditor/record")
                                .modelAttribute("id", id)
                                .modelAttribute("events", events.stream().map(this::row).toList())
                                .modelAttribute("at", chosen)
                                .modelAttribute("asOf", asOf)
                                .modelAttribute("recordType", String.valueOf(state.recordType()))
                                .modelAttribute("fields", fields == null ? List.of() : fields(fields, locale))
                                .modelAttribute("roster", roster == null ? Map.of() : roster)
                                .build();
            });
        }).onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** One event as the timeline shows it: time in Beijing time, payload as compact JSON. */
    public record Row(long sequence, String type, OffsetDateTime timestamp, String actor, String payload) {
    }

    private Row row(AuditEvent event) {
        try {
            return new Row(event.sequence(), event.type(), LocalTime.of(event.timestamp()), event.actor(),
                           json.writeValueAsString(event.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
                return LocalTime.of(Instant.parse(text)).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return value;
    }
}
