package community.platform.api.pages;

import community.platform.api.web.CorrelationId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a browser is shown instead of a problem document: the site's error page in its language, with the problem's
 * status. Only at the pages' addresses (not {@code /api/**} nor {@code /actuator/**}) and only to a caller that asks
 * for HTML before JSON; the API and programs keep their problem JSON.
 */
@Component
public class ErrorPages {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final MessageSource messages;
    private final ObjectProvider<ServerCodecConfigurer> codecs;
    private final ObjectProvider<ViewResolver> views;

    ErrorPages(MessageSource messages, ObjectProvider<ServerCodecConfigurer> codecs,
               ObjectProvider<ViewResolver> views) {
        this.messages = messages;
        this.codecs = codecs;
        this.views = views;
    }

    /** Whether the caller is a browser at one of the pages' addresses. */
    public static boolean wanted(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        if (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/actuator")) {
            return false;
        }
        List<MediaType> accepted = exchange.getRequest().getHeaders().getAccept();
        double html = quality(accepted, MediaType.TEXT_HTML);
        return html > 0 && html >= Math.max(quality(accepted, MediaType.APPLICATION_JSON),
                                            quality(accepted, MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** How much the caller wants exactly {@code type}; a wildcard says nothing. */
    private static double quality(List<MediaType> accepted, MediaType type) {
        return accepted.stream().filter(candidate -> candidate.getType().equals(type.getType())
                                                     && candidate.getSubtype().equals(type.getSubtype()))
                       .mapToDouble(MediaType::getQualityValue).max().orElse(0);
    }

    /**
     * The error page for {@code problem}: a heading for its status, and why in the page's language (the problem's own
     * English detail when there is no translation); for a failure on our side, the request id to quote.
     */
    public Mono<Void> show(ServerWebExchange exchange, ProblemDetail problem) {
        Locale locale = exchange.getLocaleContext().getLocale();
        int status = problem.getStatus();
        String type = problem.getType().toString();
        String slug = type.substring(type.lastIndexOf('/') + 1);
        String message = messages.getMessage("error.message." + status, null,
                                             messages.getMessage("problem." + slug, null,
                                                                 Objects.requireNonNullElse(problem.getDetail(), ""),
                                                                 locale),
                                             locale);
        Map<String, Object> model = Map.of(
                "title", messages.getMessage("error.title." + status, null,
                                             messages.getMessage("error.title", null, locale), locale),
                "message", message,
                "requestId", status >= 500 ? CorrelationId.of(exchange) : "");
        return PageModel.describe(exchange)
                        .then(ServerResponse.status(status).contentType(HTML).render("error", model))
                        .flatMap(response -> response.writeTo(exchange, new ServerResponse.Context() {
                            @Override
                            public List<HttpMessageWriter<?>> messageWriters() {
                                return codecs.getObject().getWriters();
                            }

                            @Override
                            public List<ViewResolver> viewResolvers() {
                                return views.orderedStream().toList();
                            }
                        }));
    }
}
