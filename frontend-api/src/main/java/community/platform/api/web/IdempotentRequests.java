package community.platform.api.web;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.reactivestreams.Publisher;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on every API request that creates something, in one place: the body is read, compared and
 * passed on; the answer is kept as it goes out ({@link IdempotencyKeys}). Runs after sign-in, so a key belongs to
 * its caller; a caller who is not signed in (registering) is known by their address.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class IdempotentRequests implements WebFilter {

    /** The creating {@code POST}s of the API. */
    static final List<String> CREATING_PATHS = List.of(
            "/api/accounts", "/api/volunteer-posts", "/api/volunteer-posts/{id}/signups", "/api/festival-events",
            "/api/festival-events/{id}/registrations", "/api/festival-events/{id}/entries", "/api/courses",
            "/api/courses/{id}/enrollments", "/api/courses/{id}/feedback", "/api/accounts/me/erasure",
            "/api/children/me/{enrollmentId}/erasure", "/api/volunteer-post-series",
            "/api/volunteer-post-series/{id}/signups");
    private static final List<PathPattern> CREATING = CREATING_PATHS.stream()
                                                                    .map(PathPatternParser.defaultInstance::parse)
                                                                    .toList();

    private final IdempotencyKeys keys;

    IdempotentRequests(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** The API's description names the header on each of these requests. */
    @Bean
    static OpenApiCustomizer idempotencyKeyDescribed() {
        return api -> CREATING_PATHS.forEach(path -> {
            var item = api.getPaths() == null ? null : api.getPaths().get(path);
            if (item != null && item.getPost() != null) {
                item.getPost().addParametersItem(new HeaderParameter().name(IdempotencyKeys.HEADER).required(false)
                        .schema(new StringSchema().maxLength(200))
                        .description("The same key from the same caller gets the first answer again and creates"
                                     + " nothing new; with another body, 422"));
            }
        });
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(IdempotencyKeys.HEADER);
        if (key == null || key.isBlank() || request.getMethod() != HttpMethod.POST
                || CREATING.stream().noneMatch(pattern -> pattern.matches(request.getPath().pathWithinApplication()))) {
            return chain.filter(exchange);
        }
        String operation = "POST " + request.getPath().value();
        return Mono.zip(exchange.getPrincipal().map(Principal::getName)
                                .defaultIfEmpty("anonymous@" + ClientAddress.of(exchange)),
                        body(request))
                   .flatMap(callerAndBody -> keys.claim(callerAndBody.getT1(), key,
                                                         keys.digest(operation, callerAndBody.getT2()))
                           .flatMap(claim -> claim.answered().isPresent()
                                   ? repeat(exchange.getResponse(), claim.answered().get())
                                   : keys.toTheEnd(claim, chain.filter(first(exchange, callerAndBody.getT2(), claim))
                                                               .onErrorResume(failure -> keys.release(claim.id())
                                                                       .then(Mono.error(failure))))));
    }

    /** The request body, read whole (within the size limit) so that it can be compared and then read again. */
    private static Mono<byte[]> body(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), RequestSizeLimit.MAX_BYTES)
                              .map(buffer -> {
                                  byte[] bytes = new byte[buffer.readableByteCount()];
                                  buffer.read(bytes);
                                  DataBufferUtils.release(buffer);
                                  return bytes;
                              })
                              .defaultIfEmpty(new byte[0]);
    }

    /** The first request under a key: its body read again from the copy, its answer kept as it is written. */
    private ServerWebExchange first(ServerWebExchange exchange, byte[] body, IdempotencyKeys.Claim claim) {
        String id = claim.id();
        IdempotencyKeys.seed(exchange, claim);
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> written) {
                return DataBufferUtils.join(written).flatMap(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    return keys.settle(id, answer(getDelegate(), text)).then(super.writeWith(Mono.just(buffer)));
                });
            }

            @Override
            public Mono<Void> setComplete() {
                return keys.settle(id, answer(getDelegate(), "")).then(super.setComplete());
            }
        };
        return exchange.mutate().request(request).response(response).build();
    }

    private static IdempotencyKeys.Answer answer(ServerHttpResponse response, String body) {
        HttpHeaders headers = response.getHeaders();
        return new IdempotencyKeys.Answer(Optional.ofNullable(response.getStatusCode()).map(s -> s.value()).orElse(200),
                                          headers.getFirst(HttpHeaders.LOCATION),
                                          Optional.ofNullable(headers.getContentType()).map(Object::toString)
                                                  .orElse(null),
                                          body);
    }

    /** A repeated request: the first one's answer again. */
    private static Mono<Void> repeat(ServerHttpResponse response, IdempotencyKeys.Answer answer) {
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        Optional.ofNullable(answer.location()).ifPresent(location -> response.getHeaders().set(HttpHeaders.LOCATION,
                                                                                               location));
        Optional.ofNullable(answer.contentType()).ifPresent(type -> response.getHeaders().set(HttpHeaders.CONTENT_TYPE,
                                                                                              type));
        byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
