package community.platform.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import community.platform.api.web.ApiProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import org.springframework.http.ProblemDetail;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A token bucket per key (Bucket4j): {@code capacity} tokens, all given back at the end of each {@code period}. Kept
 * in memory, at most {@value #MAX_KEYS} keys; a bucket left alone for a whole period is full again, so forgetting it
 * then changes nothing.
 */
final class Buckets {

    static final int MAX_KEYS = 100_000;

    private final long capacity;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    Buckets(long capacity, Duration period) {
        this.capacity = capacity;
        this.period = period;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(period).maximumSize(MAX_KEYS).build();
    }

    /** Takes a token for {@code key}; when there is none, how long until there is. */
    Optional<Duration> take(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty()
                                  : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Completes when {@code key} has a token (and takes it); else fails with the 429 problem {@code refusal} makes of
     * the seconds to wait, which also go in {@code Retry-After}.
     */
    Mono<Void> admit(String key, Function<String, ProblemDetail> refusal) {
        return take(key).<Mono<Void>>map(wait -> {
            String seconds = String.valueOf(Math.max(1, wait.toSeconds()));
            return Mono.error(new ApiProblemException(refusal.apply(seconds), Map.of("Retry-After", seconds)));
        }).orElse(Mono.empty());
    }

    /** How long until {@code key} has a token again, if it has none now; takes nothing. */
    Optional<Duration> emptyFor(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty()
                                     : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Gives back a token taken for {@code key}. */
    void giveBack(String key) {
        bucket(key).addTokens(1);
    }

    /** Fills the bucket of {@code key} again. */
    void fill(String key) {
        buckets.invalidate(key);
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                                           .addLimit(Bandwidth.builder().capacity(capacity)
                                                              .refillIntervally(capacity, period).build())
                                           .build());
    }
}
