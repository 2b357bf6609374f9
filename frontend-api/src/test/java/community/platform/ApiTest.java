package community.platform;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The running platform over HTTP, on the embedded store (in memory), with an admin account from the bootstrap. All
 * HTTP tests share this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"platform.store.in-memory=true",
                              "PLATFORM_ADMIN_USERNAME=root",
                              "PLATFORM_ADMIN_PASSWORD=" + ApiTest.ADMIN_PASSWORD,
                              // Spring Boot turns metrics export off in tests; /actuator/prometheus is under test.
                              "management.prometheus.metrics.export.enabled=true",
                              // One processor with its own segment count (ProjectionsApiTest).
                              "platform.processing.segments.venue-calendar=2",
                              // A process's own setting beside the platform's (CommandSendingBatchesTest).
                              "platform.processing.segments.child-data-retention=1",
                              // Every test calls from 127.0.0.1: the limits per address are tested on their own
                              // (AuthenticationAbuseTest); here only the limit per username and address applies.
                              "platform.security.login.max-failures-per-address=100000",
                              "platform.security.registration.max-per-address=100000",
                              "platform.certificates.max-lookups-per-minute=100000"})
public abstract class ApiTest {

    public static final String ADMIN_PASSWORD = "root-password-for-tests";

    @Autowired
    protected WebTestClient web;

    @BeforeEach
    void slowMachinesNeedTime() {
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** A username no other test uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected WebTestClient.ResponseSpec register(String username, String password) {
        return web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(Map.of("username", username, "password", password, "displayName", "Resident " + username))
                  .exchange();
    }

    /** Registers a resident and, for other roles, has the admin grant the role. Returns the username. */
    protected String account(String prefix, String password, String role) {
        String username = unique(prefix);
        register(username, password).expectStatus().isCreated();
        if (!"RESIDENT".equals(role)) {
            asAdmin().post().uri("/api/admin/accounts/{u}/roles", username).contentType(MediaType.APPLICATION_JSON)
                     .bodyValue(Map.of("role", role)).exchange().expectStatus().isOk();
        }
        return username;
    }

    protected WebTestClient as(String username, String password) {
        return web.mutate().defaultHeaders(h -> h.setBasicAuth(username, password)).build();
    }

    protected WebTestClient asAdmin() {
        return as("root", ADMIN_PASSWORD);
    }

    protected static void json(HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
    }
}
