package community.platform.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A live stream never ends by itself: the application ends it when it stops, and its slot is free again. */
class LiveStreamsStopTest {

    @Test
    void everyOpenStreamEndsWhenTheApplicationStops() {
        LiveStreams streams = new LiveStreams(8, 1000, Duration.ofSeconds(30));
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/posts/p/stream").remoteAddress(new InetSocketAddress("127.0.0.1", 50000)));

        StepVerifier.create(streams.capped(exchange, Flux.concat(Flux.just("counts"), Flux.never())))
                    .expectNext("counts")
                    .then(() -> assertThat(streams.open()).isEqualTo(1))
                    .then(streams::stop)
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        assertThat(streams.open()).isZero();

        StepVerifier.create(streams.capped(exchange, Flux.never())).expectComplete().verify(Duration.ofSeconds(5));
    }
}
