package community.platform.api.pages;

import community.platform.api.web.ApiExceptionHandler;
import community.platform.api.web.IdempotencyKeys;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pages' messages for what went wrong, in the page's language: a form's invalid fields (the same constraints as
 * the API's requests), and a refused action (the API's problem response, by its type; its English detail when no
 * translation exists).
 */
@Component
class PageForms {

    /** Which field of a form a refusal of the request as a whole is about. */
    private static final Map<String, String> FIELD_OF_PROBLEM = Map.of(
            "invalid-schedule", "startsAt", "invalid-capacity", "capacity", "venue-clash", "venue",
            "invalid-grade-range", "minGrade", "invalid-sessions", "weeks", "overlapping-sessions", "weeks");

    private final Validator validator;
    private final MessageSource messages;
    private final ApiExceptionHandler problems;
    private final IdempotencyKeys idempotency;

    PageForms(Validator validator, MessageSource messages, ApiExceptionHandler problems,
              IdempotencyKeys idempotency) {
        this.validator = validator;
        this.messages = messages;
        this.problems = problems;
        this.idempotency = idempotency;
    }

    /** Each invalid field of {@code form} with its first message, in field order. */
    Map<String, String> invalidFields(Object form, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        validator.validate(form).stream()
                 .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
                 .forEach(violation -> {
                     String field = violation.getPropertyPath().toString();
                     String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType()
                                                  .getSimpleName();
                     Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
                     Object[] arguments = {attributes.get("min"), attributes.get("max"), attributes.get("value")};
                     String specific = messages.getMessage("validation." + constraint + "." + field, arguments, null,
                                                           locale);
                     errors.putIfAbsent(field, specific != null ? specific
                             : messages.getMessage("validation." + constraint, arguments, violation.getMessage(),
                                                   locale));
                 });
        return errors;
    }

    /** The fields that did not parse as typed, then those of the request that break the API's constraints. */
    Map<String, String> invalidFields(TypedFields typed, Object request, Locale locale) {
        Map<String, String> invalid = new LinkedHashMap<>(typed.invalid());
        invalidFields(request, locale).forEach(invalid::putIfAbsent);
        return invalid;
    }

    /**
     * Why the API refused what {@code failure} came from: its status, its type (such as {@code invalid-schedule}) and a
     * sentence in the page's language.
     */
    Refusal refusal(Throwable failure, ServerWebExchange exchange, Locale locale) {
        ProblemDetail problem = problems.problemFor(failure, exchange);
        String type = problem.getType().getPath();
        String slug = type.substring(type.lastIndexOf('/') + 1);
        return new Refusal(HttpStatus.valueOf(problem.getStatus()), slug,
                           messages.getMessage("problem." + slug, null, problem.getDetail(), locale));
    }

    record Refusal(HttpStatus status, String slug, String message) {
    }

    /**
     * The page again, made by {@code page} with why the API refused; the error page if even that cannot be shown (the
     * record is gone, say).
     */
    Mono<Rendering> again(Throwable failure, ServerWebExchange exchange, Locale locale,
                          Function<Refusal, Mono<Rendering>> page) {
        return page.apply(refusal(failure, exchange, locale)).onErrorResume(again -> failed(again, exchange, locale));
    }

    /**
     * Sends what a form asked for when no field is {@code invalid}, then goes to the address it answers; otherwise
     * shows the form again with each message beside its field (a refusal of the whole request beside the field it is
     * about, or above the form).
     */
    Mono<Rendering> send(FormPage page, Map<String, String> invalid, Supplier<Mono<String>> action,
                         ServerWebExchange exchange, Locale locale) {
        if (!invalid.isEmpty()) {
            return Mono.just(page.render(invalid, HttpStatus.BAD_REQUEST));
        }
        return action.get()
                     .map(next -> Rendering.redirectTo(next).build())
                     .onErrorResume(failure -> {
                         PageForms.Refusal refusal = refusal(failure, exchange, locale);
                         return Mono.just(page.render(Map.of(FIELD_OF_PROBLEM.getOrDefault(refusal.slug(), ""),
                                                             refusal.message()), refusal.status()));
                     });
    }

    /**
     * The record that {@code create} made for {@code request}, as the address of its page ({@code page} followed by
     * its id), once per form key: when the same form came twice and the first is still being done, the second waits
     * for the first's answer.
     */
    Mono<String> created(Authentication caller, String key, Object request, ServerWebExchange exchange,
                         Supplier<Mono<? extends ResponseEntity<?>>> create, String page) {
        return idempotency.once(caller.getName(), key, request, exchange, create)
                          .map(answer -> {
                              String location = answer.getHeaders().getLocation().getPath();
                              return page + location.substring(location.lastIndexOf('/') + 1);
                          });
    }

    /** A page that cannot be shown: the reason, in the page's language, with the status the API would answer. */
    Mono<Rendering> failed(Throwable failure, ServerWebExchange exchange, Locale locale) {
        Refusal refusal = refusal(failure, exchange, locale);
        return Mono.just(Rendering.view("error").status(refusal.status())
                                  .modelAttribute("message", refusal.message()).build());
    }
}
