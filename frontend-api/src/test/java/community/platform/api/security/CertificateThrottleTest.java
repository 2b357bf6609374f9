package community.platform.api.security;

import community.platform.api.web.ApiProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.test.StepVerifier;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates a volunteer may be issued, and codes an address may look up, are bounded; then 429 with a wait. */
class CertificateThrottleTest {

    private final CertificateThrottle throttle = new CertificateThrottle(2, 3);

    private static MockServerWebExchange from(String address) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/certificates/X")
                                                               .remoteAddress(new InetSocketAddress(address, 40000)));
    }

    @Test
    void aVolunteerIsIssuedOnlySoManyAnHourAndOthersAreNotHeldUp() {
        StepVerifier.create(throttle.admitIssue("li")).verifyComplete();
        StepVerifier.create(throttle.admitIssue("li")).verifyComplete();
        StepVerifier.create(throttle.admitIssue("li"))
                    .verifyErrorSatisfies(refused -> {
                        ApiProblemException problem = (ApiProblemException) refused;
                        assertThat(problem.problem().getStatus()).isEqualTo(429);
                        assertThat(problem.problem().getType().toString()).endsWith("/too-many-certificates");
                        assertThat(Long.parseLong(problem.headers().get("Retry-After"))).isBetween(1L, 3600L);
                    });
        StepVerifier.create(throttle.admitIssue("wang")).verifyComplete();
    }

    @Test
    void anAddressLooksUpOnlySoManyCodesAMinute() {
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(throttle.admitLookup(from("203.0.113.7"))).verifyComplete();
        }
        StepVerifier.create(throttle.admitLookup(from("203.0.113.7")))
                    .verifyErrorSatisfies(refused -> assertThat(((ApiProblemException) refused).problem()
                                                                                          .getType().toString())
                            .endsWith("/too-many-lookups"));
        StepVerifier.create(throttle.admitLookup(from("198.51.100.4"))).verifyComplete();
    }
}
