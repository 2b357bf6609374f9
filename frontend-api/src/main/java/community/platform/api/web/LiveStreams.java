package community.platform.api.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Caps the live streams (Server-Sent Events) this instance serves: at most {@code platform.live.max-per-address} at
 * once from one {@link ClientAddress} (an IPv6 client's whole /64), beyond which a stream is refused with 429, and at most
 * {@code platform.live.max-total} in all, beyond which it is refused with 503; both say when to try again in
 * {@code Retry-After}. A stream's slot is freed when the stream ends in any way: the client goes, it fails, or the
 * application stops.
 */
@Component
public class LiveStreams {

    private final int perAddress;
    private final int total;
    private final Duration retryAfter;
    private final Map<String, Integer> open = new HashMap<>();
    private int all;
    private final Sinks.One<Boolean> stopping = Sinks.one();

    public LiveStreams(@Value("${platform.live.max-per-address:8}") int perAddress,
                       @Value("${platform.live.max-total:1000}") int total,
                       @Value("${platform.live.retry-after:30s}") Duration retryAfter) {
        this.perAddress = perAddress;
        this.total = total;
        this.retryAfter = retryAfter;
    }

    /** {@code stream} in a slot of the caller's address, taken when it is subscribed and freed when it ends. */
    public <T> Flux<T> capped(ServerWebExchange exchange, Flux<T> stream) {
        String address = ClientAddress.forLimits(exchange);
        return Flux.using(() -> take(address), taken -> stream, this::free).takeUntilOther(stopping.asMono());
    }

    /**
     * Ends every live stream when the application stops, before the web server waits for its requests to finish: a
     * live stream never finishes by itself, so each stop would wait out the whole grace period (30 s). The browsers'
     * EventSource connects again, to another instance.
     */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopping.tryEmitValue(true);
    }

    /** The streams open now. */
    synchronized int open() {
        return all;
    }

    private synchronized String take(String address) {
        if (open.getOrDefault(address, 0) >= perAddress) {
            throw refused(HttpStatus.TOO_MANY_REQUESTS, "too-many-live-streams", "Too many live streams",
                          "At most " + perAddress + " live streams at once from one address; close one first");
        }
        if (all >= total) {
            throw refused(HttpStatus.SERVICE_UNAVAILABLE, "live-streams-full", "Live streams full",
                          "This server has as many live streams open as it serves; try again later");
        }
        open.merge(address, 1, Integer::sum);
        all++;
        return address;
    }

    private synchronized void free(String address) {
        open.computeIfPresent(address, (a, streams) -> streams == 1 ? null : streams - 1);
        all--;
    }

    private ApiProblemException refused(HttpStatus status, String slug, String title, String detail) {
        return new ApiProblemException(Problems.of(status, slug, title, detail),
                                       Map.of("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds()))));
    }
}
