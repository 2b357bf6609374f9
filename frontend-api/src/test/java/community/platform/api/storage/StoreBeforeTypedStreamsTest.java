package community.platform.api.storage;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.PlatformApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory written by the release before stream names carried their aggregate type opens and keeps working.
 * <p>
 * {@code stores/store-before-typed-streams.mv} was made by that release (commit 734fc89) with {@code PLATFORM_DEMO=true}:
 * demo-resident signed up for the health duty (a volunteer schedule), enrolled 李小明 in the course (a child's
 * schedule), registered for the couplet competition (a venue booked by the organizer), read the notice of the duty's
 * cancellation (an inbox); li-hua registered; an auditor then took the seal below.
 */
class StoreBeforeTypedStreamsTest {

    private static final String RESIDENT = "demo-resident";
    private static final String RESIDENT_PASSWORD = "DJpKiCXp049R9BeM";
    private static final String AUDITOR = "demo-auditor";
    private static final String AUDITOR_PASSWORD = "8LDh9sZ4ZZmGQOM0";
    private static final long SEALED_AT = 22;
    private static final String SEAL = "600d6d03222ed94513575180672147742280d954aa3e7f8f894873fe402987df";

    @TempDir
    static Path dataDirectory;
    private static ConfigurableApplicationContext platform;
    private static WebTestClient web;
    private static int storePort;

    @BeforeAll
    static void startOnTheOldStore() throws IOException {
        try (InputStream old = StoreBeforeTypedStreamsTest.class.getResourceAsStream(
                "/stores/store-before-typed-streams.mv")) {
            Files.copy(old, dataDirectory.resolve(EmbeddedStore.FILE_NAME));
        }
        try (ServerSocket free = new ServerSocket(0)) {
            storePort = free.getLocalPort();
        }
        platform = new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + dataDirectory, "SERVER_PORT=0", "platform.store.port=" + storePort)
                .run();
        int port = ((WebServerApplicationContext) platform).getWebServer().getPort();
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                           .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static WebTestClient as(String username, String password) {
        return web.mutate().defaultHeaders(h -> h.setBasicAuth(username, password)).build();
    }

    private static JsonNode get(String uri) {
        return as(AUDITOR, AUDITOR_PASSWORD).get().uri(uri).exchange().expectStatus().isOk()
                                            .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void aSealKeptBeforeTheUpgradeStillVerifies() {
        assertThat(get("/api/audit/seal/verify?position=" + SEALED_AT + "&digest=" + SEAL).get("verified").asBoolean())
                .isTrue();
    }

    @Test
    void oldStreamsLoadAndGrowAndTheirChainsHold() {
        JsonNode posts = as(RESIDENT, RESIDENT_PASSWORD).get().uri("/api/volunteer-posts").exchange()
                                                        .expectStatus().isOk().expectBody(JsonNode.class)
                                                        .returnResult().getResponseBody();
        String open = null;
        for (JsonNode post : posts) {
            if ("OPEN".equals(post.get("status").asText())) {
                open = post.get("id").asText();
            }
        }
        // the resident's volunteer schedule was written by the release; this sign-up loads it and appends to it
        as(RESIDENT, RESIDENT_PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", open).exchange()
                                       .expectStatus().isCreated();
        // the old account stream li-hua cannot be registered again
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", "li-hua", "password", "a-long-password-2", "displayName", "Li Hua 2"))
           .exchange().expectStatus().isEqualTo(409);
        // a username named after the resident's old schedule is only an account
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", "schedule-demo-resident", "password", "a-long-password-3",
                             "displayName", "Squatter"))
           .exchange().expectStatus().isCreated();

        JsonNode report = get("/api/audit/integrity?full=true");
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(get("/api/audit/streams/schedule-demo-resident/verification").get("intact").asBoolean()).isTrue();
        assertThat(get("/api/audit/streams/schedule-demo-resident/events").size()).isGreaterThan(1);
    }

    /**
     * docs/verify-chain.js recomputes every hash with a current mongosh ({@link Mongosh}), over the old commits and the
     * new ones, and finds a payload changed through the driver.
     */
    @Test
    void aVerifierOutsideTheJvmRecomputesEveryChain() throws Exception {
        as(RESIDENT, RESIDENT_PASSWORD).get().uri("/api/volunteer-posts").exchange().expectStatus().isOk();
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", "wang-fang", "password", "a-long-password-4",
                             "displayName", "王芳 Wang \uD83C\uDFEE"))
           .exchange();
        var commits = platform.getBean("platformDatabase", com.mongodb.client.MongoDatabase.class)
                              .getCollection("eventCommits");
        // stored, whether or not its view caught up within the answer's wait on a busy machine
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commits.find(
                com.mongodb.client.model.Filters.eq("_id", "Account:wang-fang#0")).first() != null);

        assertThat(verifyChain()).startsWith("0 ").contains("\"verified\":true");

        var original = commits.find(com.mongodb.client.model.Filters.eq("_id", "Account:wang-fang#0")).first();
        try {
            commits.updateOne(com.mongodb.client.model.Filters.eq("_id", "Account:wang-fang#0"),
                              com.mongodb.client.model.Updates.set("events.0.payload.displayName", "someone else"));
            assertThat(verifyChain()).startsWith("1 ").contains("Account:wang-fang", "content does not match");
        } finally {
            commits.replaceOne(com.mongodb.client.model.Filters.eq("_id", "Account:wang-fang#0"), original);
        }
    }

    /** The verifier's exit code, a space, and what it printed. */
    private static String verifyChain() throws Exception {
        Path script = Path.of("..", "docs", "verify-chain.js").toAbsolutePath().normalize();
        return Mongosh.run("--quiet", "mongodb://127.0.0.1:" + storePort + "/platform", script.toString());
    }
}
