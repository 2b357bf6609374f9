package community.platform.api.pages;

import community.platform.api.courses.ChildCourses;
import community.platform.api.courses.Courses;
import community.platform.api.personal.ErasureAnswer;
import community.platform.api.personal.ErasureRequestResponse;
import community.platform.api.personal.ErasureRequests;
import community.platform.api.personal.Erasures;
import community.platform.api.web.ApiProblemException;
import community.platform.shared.ErrorCode;
import community.platform.shared.personal.ErasureStatus;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asking for erasure (a resident's own account, or as the guardian a child's data) and the ADMINs' queue where each
 * request is carried out or refused. The pages say what happens before anyone presses a button, because carrying it
 * out cannot be undone.
 */
@Controller
class ErasurePages {

    private final Erasures erasures;
    private final Courses courses;
    private final PageForms forms;
    private final MessageSource messages;

    ErasurePages(Erasures erasures, Courses courses, PageForms forms, MessageSource messages) {
        this.erasures = erasures;
        this.courses = courses;
        this.forms = forms;
        this.messages = messages;
    }

    /** The resident's own account; {@code requested} is set once their request was sent. */
    @GetMapping("/me/erasure")
    Rendering account(@RequestParam(required = false) String requested) {
        return ask(null, "/me/erasure", new AskForm("", null), Map.of(), requested != null, HttpStatus.OK);
    }

    /** Sent once per form: a double click makes one request, and both answers lead to it. */
    @PostMapping("/me/erasure")
    Mono<Rendering> account(@ModelAttribute AskForm form, Authentication caller, ServerWebExchange exchange,
                            Locale locale) {
        ErasureRequests.Ask request = new ErasureRequests.Ask(form.reason());
        AskForm shown = new AskForm(form.reason(), FormPage.keyFor(form.idempotencyKey()));
        Map<String, String> invalid = forms.invalidFields(request, locale);
        if (!invalid.isEmpty()) {
            return Mono.just(ask(null, "/me/erasure", shown, invalid, false, HttpStatus.BAD_REQUEST));
        }
        return forms.created(caller, shown.idempotencyKey(), request, exchange,
                             () -> erasures.request(request, caller, exchange).map(ErasurePages::accepted),
                             "/me/erasure?requested=")
                    .map(next -> Rendering.redirectTo(next).build())
                    .onErrorResume(failure -> {
                        PageForms.Refusal refusal = forms.refusal(failure, exchange, locale);
                        return Mono.just(ask(null, "/me/erasure", shown, Map.of("", refusal.message()), false,
                                             refusal.status()));
                    });
    }

    /** A guardian's child, named by one of the child's places; only the guardian's own children are found. */
    @GetMapping("/me/children/{enrollmentId}/erasure")
    Mono<Rendering> child(@PathVariable String enrollmentId, Authentication caller, ServerWebExchange exchange,
                          Locale locale) {
        return child(enrollmentId, caller)
                .map(child -> ask(child, childAction(enrollmentId), new AskForm("", null), Map.of(), false,
                                  HttpStatus.OK))
                .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /**
     * The lookup of the child comes only when the form is shown again: once the request is sent the child has left
     * every course, and the same form sent twice must still lead where the first did.
     */
    @PostMapping("/me/children/{enrollmentId}/erasure")
    Mono<Rendering> child(@PathVariable String enrollmentId, @ModelAttribute AskForm form, Authentication caller,
                          ServerWebExchange exchange, Locale locale) {
        ErasureRequests.Ask request = new ErasureRequests.Ask(form.reason());
        AskForm shown = new AskForm(form.reason(), FormPage.keyFor(form.idempotencyKey()));
        Map<String, String> invalid = forms.invalidFields(request, locale);
        if (!invalid.isEmpty()) {
            return child(enrollmentId, caller)
                    .map(child -> ask(child, childAction(enrollmentId), shown, invalid, false, HttpStatus.BAD_REQUEST))
                    .onErrorResume(failure -> forms.failed(failure, exchange, locale));
        }
        return forms.created(caller, shown.idempotencyKey(), request, exchange,
                             () -> erasures.requestForChild(enrollmentId, request, caller, exchange)
                                           .map(ErasurePages::accepted),
                             "/me/children?erasure=")
                    .map(next -> Rendering.redirectTo(next).build())
                    .onErrorResume(failure -> forms.again(failure, exchange, locale, refusal -> child(
                            enrollmentId, caller).map(child -> ask(child, childAction(enrollmentId), shown,
                                                                    Map.of("", refusal.message()), false,
                                                                    refusal.status()))));
    }

    /** The ADMINs' queue, oldest first; {@code done} is the status the last decision gave. */
    @GetMapping("/admin/erasures")
    Mono<Rendering> queue(@RequestParam(required = false) String done) {
        return queue(done, null, Map.of(), HttpStatus.OK);
    }

    /** Only with the box ticked that says it cannot be undone: the person's key is destroyed. */
    @PostMapping("/admin/erasures/{requestId}/approval")
    Mono<Rendering> approve(@PathVariable String requestId, @ModelAttribute DecisionForm form, Authentication caller,
                            ServerWebExchange exchange, Locale locale) {
        if (!"true".equals(form.confirm())) {
            return queue(null, requestId, Map.of("confirm", messages.getMessage("admin.erasures.confirmRequired", null, locale)),
                         HttpStatus.BAD_REQUEST);
        }
        return decided(erasures.approve(requestId, caller, exchange).map(answer -> answer.status().name()),
                       requestId, exchange, locale);
    }

    @PostMapping("/admin/erasures/{requestId}/refusal")
    Mono<Rendering> refuse(@PathVariable String requestId, @ModelAttribute DecisionForm form, Authentication caller,
                           ServerWebExchange exchange, Locale locale) {
        ErasureRequests.Refuse request = new ErasureRequests.Refuse(form.reason());
        Map<String, String> invalid = forms.invalidFields(request, locale);
        if (!invalid.isEmpty()) {
            return queue(null, requestId, invalid, HttpStatus.BAD_REQUEST);
        }
        return decided(erasures.refuse(requestId, request, caller, exchange).map(answer -> answer.status().name()),
                       requestId, exchange, locale);
    }

    /** Back to the queue with what the decision gave; a refusal of it (decided already) beside the request. */
    private Mono<Rendering> decided(Mono<String> decision, String requestId, ServerWebExchange exchange,
                                    Locale locale) {
        return decision.map(status -> Rendering.redirectTo("/admin/erasures?done=" + status).build())
                       .onErrorResume(failure -> forms.again(failure, exchange, locale, refusal -> queue(
                               null, requestId, Map.of("", refusal.message()), refusal.status())));
    }

    /**
     * The queue, with {@code invalid} the messages for the request {@code failed} (its fields by name, the request as a
     * whole under {@code ""}).
     */
    private Mono<Rendering> queue(String done, String failed, Map<String, String> invalid, HttpStatus status) {
        return erasures.list().map(requests -> Rendering.view("admin/erasures").status(status)
                                                        .modelAttribute("requests", undecidedFirst(requests))
                                                        .modelAttribute("done", done == null ? "" : done)
                                                        .modelAttribute("failed", failed == null ? "" : failed)
                                                        .modelAttribute("invalid", invalid)
                                                        .build());
    }

    /** The requests waiting for a decision first, each group oldest first as the queue answers. */
    private static List<ErasureRequestResponse> undecidedFirst(List<ErasureRequestResponse> requests) {
        return requests.stream().sorted(Comparator.comparing(r -> r.status() != ErasureStatus.REQUESTED)).toList();
    }

    private Mono<ChildCourses> child(String enrollmentId, Authentication caller) {
        return courses.children(caller)
                      .flatMap(children -> Mono.justOrEmpty(children.stream().filter(
                              c -> c.courses().stream().anyMatch(p -> p.enrollmentId().equals(enrollmentId)))
                                                                    .findFirst()))
                      .switchIfEmpty(Mono.error(() -> new ApiProblemException(
                              ErrorCode.ENROLLMENT_NOT_FOUND, "You have no enrollment " + enrollmentId)));
    }

    private static String childAction(String enrollmentId) {
        return "/me/children/" + enrollmentId + "/erasure";
    }

    /** What {@link PageForms#created} reads: the request's id as the last segment of a location. */
    private static ResponseEntity<Void> accepted(ErasureAnswer answer) {
        return ResponseEntity.accepted().location(URI.create("/erasures/" + answer.requestId())).build();
    }

    /** The form for the account ({@code child} null) or for a child. */
    private static Rendering ask(ChildCourses child, String action, AskForm form, Map<String, String> invalid,
                                 boolean requested, HttpStatus status) {
        return Rendering.view("me/erasure").status(status)
                        .modelAttribute("child", child == null ? "" : child.childName())
                        .modelAttribute("action", action)
                        .modelAttribute("form", form)
                        .modelAttribute("key", FormPage.keyFor(form.idempotencyKey()))
                        .modelAttribute("invalid", invalid)
                        .modelAttribute("requested", requested)
                        .build();
    }

    /** An ADMIN's decision as posted: the box that confirms an approval, or the reason for a refusal. */
    public record DecisionForm(String confirm, String reason) {
    }

    /** The request form as typed: an optional reason, and the key that makes a second click the same request. */
    public record AskForm(String reason, String idempotencyKey) {
    }
}
