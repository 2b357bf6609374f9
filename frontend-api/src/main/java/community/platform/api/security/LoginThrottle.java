package community.platform.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code max-failures} failed logins for one username within the lock time, that
 * username is locked for the lock time, whether or not the account exists (so the answer tells nothing about it).
 * Kept per instance: behind a load balancer each instance counts on its own, which at most multiplies the allowed
 * attempts by the number of instances.
 */
@Component
public class LoginThrottle {

    private final int maxFailures;
    private final Duration lockTime;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    @Autowired
    public LoginThrottle(@Value("${platform.security.login.max-failures:5}") int maxFailures,
                         @Value("${platform.security.login.lock-time:5m}") Duration lockTime) {
        this(maxFailures, lockTime, Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration lockTime, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockTime = lockTime;
        this.clock = clock;
        this.failures = Caffeine.newBuilder().expireAfterWrite(lockTime).maximumSize(100_000).build();
    }

    /** How long the username stays locked, if it is. */
    public Optional<Duration> lockedFor(String username) {
        Failures recorded = failures.getIfPresent(username);
        if (recorded == null || recorded.lockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), recorded.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public void failed(String username) {
        failures.asMap().compute(username, (name, recorded) -> {
            int count = (recorded == null ? 0 : recorded.count()) + 1;
            Instant lockedUntil = count >= maxFailures ? clock.instant().plus(lockTime) : null;
            return new Failures(count, lockedUntil);
        });
    }

    public void succeeded(String username) {
        failures.invalidate(username);
    }

    private record Failures(int count, Instant lockedUntil) {
    }
}
