package community.platform.api.pages;

import community.platform.api.neighbourhoods.Neighbourhoods;
import community.platform.api.festival.EventResponse;
import community.platform.api.festival.FestivalRequests;
import community.platform.api.festival.FestivalService;
import community.platform.shared.festival.EventKind;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Locale;

/** Residents' pages for the Spring Festival Couplets Culture Festival: the events, registration, couplet entries. */
@Controller
public class FestivalPages {

    private final FestivalService festival;
    private final Neighbourhoods neighbourhoods;
    private final PageForms forms;

    FestivalPages(FestivalService festival, Neighbourhoods neighbourhoods, PageForms forms) {
        this.festival = festival;
        this.neighbourhoods = neighbourhoods;
        this.forms = forms;
    }

    /** The events not over yet, soonest first; {@code kind} keeps one kind (workshops, competitions, ...). */
    @GetMapping("/festival")
    Mono<Rendering> list(@RequestParam(required = false) String kind,
                         @RequestParam(required = false) String neighbourhood, ServerWebExchange exchange) {
        OffsetDateTime now = OffsetDateTime.now();
        return neighbourhoods.filterFor(neighbourhood, exchange).flatMap(place -> festival.list(
                place.isEmpty() ? null : place).map(events -> Rendering.view("festival/list")
                                                      .modelAttribute("neighbourhood", place)
                                                      .modelAttribute("kinds", EventKind.values())
                                                      .modelAttribute("kind", kind == null ? "" : kind)
                                                      .modelAttribute("events", events.stream()
                                                              .filter(e -> e.endsAt().isAfter(now))
                                                              .filter(e -> kind == null || kind.isBlank()
                                                                      || e.kind().name().equals(kind))
                                                              .sorted(Comparator.comparing(EventResponse::startsAt))
                                                              .toList())
                                                      .build()));
    }

    /** The event; {@code done} names what the caller just did (registered, waitlisted, withdrawn, entered). */
    @GetMapping("/festival/{id}")
    Mono<Rendering> event(@PathVariable String id, @RequestParam(required = false) String done,
                          ServerWebExchange exchange, Locale locale) {
        return page(id, done, CoupletForm.EMPTY, null, HttpStatus.OK)
                .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    @PostMapping("/festival/{id}/registration")
    Mono<Rendering> register(@PathVariable String id, Authentication caller, ServerWebExchange exchange,
                             Locale locale) {
        return festival.register(id, caller, exchange)
                       .map(answer -> Rendering.redirectTo("/festival/" + id + "?done=" + answer.status()).build())
                       .onErrorResume(failure -> refused(id, CoupletForm.EMPTY, failure, exchange, locale));
    }

    @PostMapping("/festival/{id}/withdrawal")
    Mono<Rendering> withdraw(@PathVariable String id, Authentication caller, ServerWebExchange exchange,
                             Locale locale) {
        return festival.withdraw(id, caller, exchange)
                       .then(Mono.fromSupplier(() -> Rendering.redirectTo("/festival/" + id + "?done=WITHDRAWN").build()))
                       .onErrorResume(failure -> refused(id, CoupletForm.EMPTY, failure, exchange, locale));
    }

    /** A couplet entry; the lines are checked by the competition (equal length, 4 to 32 characters, a 2 to 8 scroll). */
    @PostMapping("/festival/{id}/entries")
    Mono<Rendering> enter(@PathVariable String id, @ModelAttribute CoupletForm form, Authentication caller,
                          ServerWebExchange exchange, Locale locale) {
        return festival.enter(id, new FestivalRequests.Entry(form.upperLine(), form.lowerLine(),
                                                             form.horizontalScroll()), caller, exchange)
                       .then(Mono.fromSupplier(() -> Rendering.redirectTo("/festival/" + id + "?done=ENTERED").build()))
                       .onErrorResume(failure -> refused(id, form, failure, exchange, locale));
    }

    private Mono<Rendering> refused(String id, CoupletForm form, Throwable failure, ServerWebExchange exchange,
                                    Locale locale) {
        return forms.again(failure, exchange, locale,
                           refusal -> page(id, null, form, refusal.message(), refusal.status()));
    }

    private Mono<Rendering> page(String id, String done, CoupletForm form, String error, HttpStatus status) {
        return festival.detail(id).map(event -> Rendering.view("festival/event").status(status)
                                                         .modelAttribute("event", event)
                                                         .modelAttribute("done", done == null ? "" : done)
                                                         .modelAttribute("couplet", form)
                                                         .modelAttribute("error", error == null ? "" : error)
                                                         .build());
    }

    /** The couplet form as typed, sent back with a refusal. */
    public record CoupletForm(String upperLine, String lowerLine, String horizontalScroll) {
        static final CoupletForm EMPTY = new CoupletForm("", "", "");
    }
}
