package community.platform.api.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Refuses a body over 64 KB by its declared length before reading it; a body without a declared length is cut off by
 * the codecs' limit ({@code spring.codec.max-in-memory-size}), which the exception handler answers with the same 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeLimit implements WebFilter {

    public static final int MAX_BYTES = 64 * 1024;

    private final Problems problems;

    public RequestSizeLimit(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > MAX_BYTES) {
            return problems.write(exchange, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                                                        "Request body too large",
                                                        "The request body is larger than " + MAX_BYTES / 1024 + " KB"),
                                  Map.of());
        }
        return chain.filter(exchange);
    }
}
