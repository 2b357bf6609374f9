package community.platform.api.security;

import community.platform.api.web.ClientAddress;
import community.platform.api.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * At most {@code platform.security.registration.max-per-address} registrations per client address (an IPv6 client's
 * whole /64, {@link ClientAddress#forLimits}) in each
 * {@code platform.security.registration.period}, through the API and the register page alike; then 429 with
 * {@code Retry-After}. Kept per instance.
 */
@Component
public class RegistrationThrottle {

    private final Buckets perAddress;

    RegistrationThrottle(@Value("${platform.security.registration.max-per-address:20}") int maxPerAddress,
                         @Value("${platform.security.registration.period:1h}") Duration period) {
        this.perAddress = new Buckets(maxPerAddress, period);
    }

    /** Completes when the request's address may register once more (and counts it); else fails with a 429. */
    public Mono<Void> admit(ServerWebExchange exchange) {
        return perAddress.admit(ClientAddress.forLimits(exchange), seconds -> Problems.of(
                HttpStatus.TOO_MANY_REQUESTS, "too-many-registrations", "Too many registrations",
                "Too many accounts were registered from your address; try again in " + seconds + " s"));
    }
}
