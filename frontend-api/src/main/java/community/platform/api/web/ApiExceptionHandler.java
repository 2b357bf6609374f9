package community.platform.api.web;

import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place where failures become problem responses: from handlers, from routing (404, 405, 415), from reading
 * the body (400, 413) and from commands (rule violations, lost races, unknown records). Anything unexpected is a 500
 * that says nothing of the internals; the log has the details, under the request's correlation id.
 */
@Component
@Order(-2)
public class ApiExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final Problems problems;

    public ApiExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        Map<String, String> headers = new LinkedHashMap<>();
        ProblemDetail problem = toProblem(failure, exchange, headers);
        return problems.write(exchange, problem, headers);
    }

    /** The problem response the API answers {@code failure} with; the pages show it in their language. */
    public ProblemDetail problemFor(Throwable failure, ServerWebExchange exchange) {
        return toProblem(failure, exchange, new LinkedHashMap<>());
    }

    private ProblemDetail toProblem(Throwable failure, ServerWebExchange exchange, Map<String, String> headers) {
        if (failure instanceof ApiProblemException api) {
            headers.putAll(api.headers());
            return api.problem();
        }
        if (failure instanceof WebExchangeBindException invalid) {
            return Problems.withErrors(
                    Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                                invalid.getFieldErrorCount() + " field(s) are not valid"),
                    invalid.getFieldErrors().stream()
                           .sorted(Comparator.comparing(org.springframework.validation.FieldError::getField))
                           .map(e -> new Problems.FieldError(e.getField(), e.getDefaultMessage()))
                           .toList());
        }
        if (causedBy(failure, DataBufferLimitException.class)) {
            return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                               "The request body is larger than " + RequestSizeLimit.MAX_BYTES / 1024 + " KB");
        }
        if (failure instanceof UnsupportedMediaTypeStatusException unsupported) {
            return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                               "Send " + unsupported.getSupportedMediaTypes().stream().map(Object::toString)
                                                               .collect(Collectors.joining(" or ")));
        }
        if (failure instanceof MethodNotAllowedException notAllowed) {
            headers.put("Allow", notAllowed.getSupportedMethods().stream().map(Object::toString)
                                           .sorted().collect(Collectors.joining(", ")));
            return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                               exchange.getRequest().getMethod() + " is not allowed here");
        }
        if (failure instanceof NotAcceptableStatusException) {
            return Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                               "This resource answers in JSON");
        }
        if (failure instanceof ServerWebInputException input && causedBy(input, DecodingException.class)) {
            return Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                               "The request body is not valid JSON of the expected shape");
        }
        if (failure instanceof ServerWebInputException input) {
            return Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                               Optional.ofNullable(input.getReason()).orElse("The request cannot be read"));
        }
        if (failure instanceof ResponseStatusException status && status.getStatusCode().value() == 404) {
            return notFound(exchange);
        }
        if (failure instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            return Problems.of(status.getStatusCode(), "http-" + status.getStatusCode().value(),
                               HttpStatus.valueOf(status.getStatusCode().value()).getReasonPhrase(),
                               Optional.ofNullable(status.getReason()).orElse("The request cannot be served"));
        }
        Optional<RuleViolation> violation = ruleViolation(failure);
        if (violation.isPresent()) {
            ProblemDetail problem = Problems.of(violation.get().code(), violation.get().detail());
            if (violation.get().subject() != null) {
                problem.setProperty("subject", violation.get().subject());
            }
            return problem;
        }
        if (causedBy(failure, AggregateNotFoundException.class)) {
            return Problems.notFound("No record with that id: " + exchange.getRequest().getPath().value());
        }
        if (causedBy(failure, ConcurrencyException.class)) {
            return Problems.of(ErrorCode.CONCURRENT_MODIFICATION,
                               "The record was changed by someone else at the same moment; try again");
        }
        if (causedBy(failure, java.util.concurrent.TimeoutException.class)) {
            log.warn("Views behind [{}]: {}", correlationId(exchange), failure.getMessage());
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "views-behind", "Saved, not yet visible",
                               "The change was saved, but the views have not caught up yet; it will show shortly");
        }
        if (causedBy(failure, MongoSocketException.class) || causedBy(failure, MongoTimeoutException.class)) {
            log.warn("Storage unreachable [{}]: {}", correlationId(exchange), failure.toString());
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Storage unavailable",
                               "The platform cannot reach its storage just now; try again in a moment. A change sent"
                               + " just before this answer may or may not have been saved.");
        }
        if (causedBy(failure, NoHandlerForCommandException.class)) {
            log.error("No command handler [{}]", correlationId(exchange), failure);
        } else {
            log.error("Request failed [{}] {} {}", correlationId(exchange), exchange.getRequest().getMethod(),
                      exchange.getRequest().getPath(), failure);
        }
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                           "Something went wrong on our side. Quote request id " + correlationId(exchange)
                                   + " when you report it.");
    }

    static ProblemDetail notFound(ServerWebExchange exchange) {
        return Problems.notFound("Nothing is at " + exchange.getRequest().getPath().value());
    }

    /** The business rule a command broke, if that is why it failed. */
    public static Optional<RuleViolation> ruleViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CommandExecutionException execution) {
                Optional<Object> details = execution.getDetails();
                if (details.isPresent() && details.get() instanceof RuleViolation violation) {
                    return Optional.of(violation);
                }
            }
        }
        return Optional.empty();
    }

    public static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String correlationId(ServerWebExchange exchange) {
        return CorrelationId.of(exchange);
    }
}
