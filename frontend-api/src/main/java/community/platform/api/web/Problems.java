package community.platform.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.platform.api.pages.ErrorPages;
import community.platform.shared.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * RFC 7807 problem documents: {@code type} is {@code /problems/<slug>}, stable for clients; {@code detail} is for
 * people; validation problems list the failing fields in {@code errors}.
 */
@Component
public class Problems {

    private final ObjectMapper json;
    private final ErrorPages pages;

    public Problems(ObjectMapper json, ErrorPages pages) {
        this.json = json;
        this.pages = pages;
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(HttpStatus.valueOf(code.status()), code.slug(), code.title(), detail);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    public static ProblemDetail forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * Writes a problem straight to the response, for the places outside the controllers (security, filters); a browser
     * at a page's address is shown the error page instead ({@link ErrorPages}).
     */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, Map<String, String> headers) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        headers.forEach(response.getHeaders()::set);
        if (ErrorPages.wanted(exchange)) {
            return pages.show(exchange, problem);
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    public record FieldError(String field, String message) {
    }
}
