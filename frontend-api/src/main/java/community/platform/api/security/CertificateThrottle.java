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
 * Bounds the work strangers and residents can cause with certificates, per instance: a volunteer is issued at most
 * {@code platform.certificates.max-issued-per-hour} (each one a PDF to lay out and, when new, a record in the log),
 * and a client address (an IPv6 client's /64) looks up at most {@code platform.certificates.max-lookups-per-minute}
 * codes, which also makes guessing codes hopeless on top of their 80 random-looking bits. Then 429 with
 * {@code Retry-After}.
 */
@Component
public class CertificateThrottle {

    private final Buckets issuedPerVolunteer;
    private final Buckets lookupsPerAddress;

    CertificateThrottle(@Value("${platform.certificates.max-issued-per-hour:30}") int maxIssued,
                        @Value("${platform.certificates.max-lookups-per-minute:30}") int maxLookups) {
        this.issuedPerVolunteer = new Buckets(maxIssued, Duration.ofHours(1));
        this.lookupsPerAddress = new Buckets(maxLookups, Duration.ofMinutes(1));
    }

    public Mono<Void> admitIssue(String volunteer) {
        return issuedPerVolunteer.admit(volunteer, seconds -> Problems.of(
                HttpStatus.TOO_MANY_REQUESTS, "too-many-certificates", "Too many certificates",
                "You asked for many certificates in the last hour; try again in " + seconds + " s"));
    }

    public Mono<Void> admitLookup(ServerWebExchange exchange) {
        return lookupsPerAddress.admit(ClientAddress.forLimits(exchange), seconds -> Problems.of(
                HttpStatus.TOO_MANY_REQUESTS, "too-many-lookups", "Too many certificate lookups",
                "Too many certificates were looked up from your address; try again in " + seconds + " s"));
    }
}
