package community.platform.api.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Test only: a request with {@code X-Test-Slow: <ms>} is held that long before it is handled, inside the work an
 * {@code Idempotency-Key} claims (this filter runs after {@link IdempotentRequests}), so that a client can give up on
 * it midway.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SlowRequestsTestFilter implements WebFilter {

    static final String HEADER = "X-Test-Slow";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String millis = exchange.getRequest().getHeaders().getFirst(HEADER);
        return millis == null ? chain.filter(exchange)
                              : Mono.delay(Duration.ofMillis(Long.parseLong(millis))).then(chain.filter(exchange));
    }
}
