package community.platform.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live streams are capped per client address and in all (here 2 and 3). Each client connects from an address of its
 * own on the loopback network (127.0.0.x), as different machines would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"platform.live.max-per-address=2", "platform.live.max-total=3",
                                  "platform.live.retry-after=7s"})
class LiveStreamsTest extends ApiTest {

    private static final String PASSWORD = "live-streams-password";

    @LocalServerPort
    private int port;

    @Autowired
    private LiveStreams liveStreams;

    private String postId;
    private final List<FluxExchangeResult<JsonNode>> opened = new ArrayList<>();

    @BeforeAll
    void aPost() {
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(5).withHour(9).withMinute(0)
                                              .withSecond(0).withNano(0);
        postId = as(account("organizer", PASSWORD, "ORGANIZER"), PASSWORD)
                .post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Park clean-up", "description", "Bring gloves", "team", "green",
                                  "location", "East Park", "startsAt", starts.toString(),
                                  "endsAt", starts.plusHours(2).toString(), "capacity", 5))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    @AfterEach
    void closeEveryStream() {
        opened.forEach(LiveStreamsTest::close);
        opened.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> liveStreams.open() == 0);
    }

    /** A client whose connections come from {@code address}, not signed in. */
    private WebTestClient from(String address) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                            .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private WebTestClient.ResponseSpec stream(WebTestClient client) {
        return client.get().uri("/posts/{id}/stream", postId).accept(MediaType.TEXT_EVENT_STREAM).exchange();
    }

    /** Opens a stream, which answers the post's counts first, and keeps it open. */
    private FluxExchangeResult<JsonNode> open(WebTestClient client) {
        FluxExchangeResult<JsonNode> result = stream(client).expectStatus().isOk().returnResult(JsonNode.class);
        opened.add(result);
        return result;
    }

    /** Reads the first event and hangs up. */
    private static void close(FluxExchangeResult<JsonNode> stream) {
        stream.getResponseBody().take(1).blockLast(Duration.ofSeconds(10));
    }

    @Test
    void liveStreamsAreCappedPerAddress() {
        WebTestClient client = from("127.0.0.2");
        open(client);
        open(client);

        stream(client).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                      .expectHeader().valueEquals("Retry-After", "7")
                      .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                      .expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-live-streams");
        open(from("127.0.0.3"));
    }

    @Test
    void liveStreamsAreCappedInTotal() {
        open(from("127.0.0.2"));
        open(from("127.0.0.3"));
        open(from("127.0.0.4"));

        stream(from("127.0.0.5")).expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                                 .expectHeader().valueEquals("Retry-After", "7")
                                 .expectBody().jsonPath("$.type").isEqualTo("/problems/live-streams-full");
    }

    @Test
    void aClosedStreamFreesItsSlot() {
        WebTestClient client = from("127.0.0.6");
        FluxExchangeResult<JsonNode> first = open(client);
        open(client);
        stream(client).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        close(first);
        opened.remove(first);

        await().atMost(Duration.ofSeconds(5)).until(() -> liveStreams.open() == 1);
        open(client);
    }
}
