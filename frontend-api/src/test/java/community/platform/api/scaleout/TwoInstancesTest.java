package community.platform.api.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.PlatformApplication;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import community.platform.api.storage.EmbeddedStore;
import community.platform.query.processing.Rebuilds;
import community.platform.shared.audit.DiffProjectionQuery;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two platform instances on one store, as behind a load balancer: the segments are split between them, commands on one
 * record from both resolve without double booking, a live stream on one shows a change made through the other, a read
 * cached on one shows a write through the other, a role revoked through one is refused by the other at once, a rebuild
 * on one loses nothing the other projects meanwhile (and an instance that dies mid-rebuild holds nothing for long), a
 * second rebuild of a projection is refused on either instance while one runs, and when one stops the other takes
 * over its segments.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    private static final String PASSWORD = "two-instances-password";
    private static final String ADMIN_PASSWORD = "two-instances-admin";
    private static final String PROCESSOR = "volunteer-posts";

    private static EmbeddedStore store;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        store = EmbeddedStore.inMemory("127.0.0.1", 0);
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() {
        second.close();
        if (first.isActive()) {
            first.close();
        }
        store.close();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("MONGODB_URI=" + store.connectionString() + "/platform", "SERVER_PORT=0",
                            "PLATFORM_ADMIN_USERNAME=root", "PLATFORM_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                            "platform.processing.claim-timeout=3s", "platform.processing.balance-interval=500ms",
                            "platform.views.poll-interval=300ms")
                .run();
    }

    private static WebTestClient.Builder client(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer()
                            .baseUrl("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port"))
                            .responseTimeout(Duration.ofSeconds(30));
    }

    private static WebTestClient web(ConfigurableApplicationContext instance, String username, String password) {
        return client(instance).defaultHeaders(headers -> headers.setBasicAuth(username, password)).build();
    }

    private static String account(ConfigurableApplicationContext instance, String role) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        client(instance).build()
                     .post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
                     .bodyValue(Map.of("username", username, "password", PASSWORD, "displayName", username))
                     .exchange().expectStatus().isCreated();
        if (!role.equals("RESIDENT")) {
            web(instance, "root", ADMIN_PASSWORD).post().uri("/api/admin/accounts/{u}/roles", username)
                                                 .contentType(MediaType.APPLICATION_JSON)
                                                 .bodyValue(Map.of("role", role)).exchange().expectStatus().isOk();
        }
        return username;
    }

    private static String publish(ConfigurableApplicationContext instance, String organizer, int capacity, int day) {
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(day).withHour(9).withMinute(0)
                                              .withSecond(0).withNano(0);
        return web(instance, organizer, PASSWORD).post().uri("/api/volunteer-posts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Park clean-up", "description", "Bring gloves", "team", "green",
                                  "location", "East Park", "startsAt", starts.toString(),
                                  "endsAt", starts.plusHours(2).toString(), "capacity", capacity))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    private static int segmentsHeld(ConfigurableApplicationContext instance) {
        return instance.getBean(EventProcessingConfiguration.class)
                       .eventProcessor(PROCESSOR, StreamingEventProcessor.class).orElseThrow()
                       .processingStatus().size();
    }

    @Test
    @Order(1)
    void theSegmentsAreSplitBetweenTheInstances() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(segmentsHeld(first)).isEqualTo(2);
            assertThat(segmentsHeld(second)).isEqualTo(2);
        });
        // a process one instance started must reach the other's lookups: neither keeps what its lookups found
        assertThat(List.of(first, second)).allSatisfy(instance -> assertThat(instance.getBean(SagaStore.class))
                .isNotInstanceOf(CachingSagaStore.class));
    }

    @Test
    @Order(2)
    void signUpsThroughBothInstancesAtOnceFillEachSeatOnce() throws Exception {
        String organizer = account(first, "ORGANIZER");
        String postId = publish(first, organizer, 5, 10);
        List<String> residents = IntStream.range(0, 20).mapToObj(i -> account(i % 2 == 0 ? first : second,
                                                                               "RESIDENT")).toList();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        List<Callable<JsonNode>> signUps = IntStream.range(0, 20).<Callable<JsonNode>>mapToObj(i -> () ->
                web(i % 2 == 0 ? first : second, residents.get(i), PASSWORD)
                        .post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                        .expectStatus().isCreated()
                        .expectBody(JsonNode.class).returnResult().getResponseBody()).toList();
        List<JsonNode> outcomes = new ArrayList<>();
        for (Future<JsonNode> outcome : callers.invokeAll(signUps)) {
            outcomes.add(outcome.get());
        }
        callers.shutdown();

        assertThat(outcomes).filteredOn(o -> o.get("status").asText().equals("CONFIRMED")).hasSize(5);
        assertThat(outcomes).filteredOn(o -> o.get("status").asText().equals("WAITLISTED"))
                            .extracting(o -> o.get("waitlistPosition").asInt())
                            .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 15).boxed().toList());
        for (ConfigurableApplicationContext instance : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode roster = web(instance, organizer, PASSWORD)
                        .get().uri("/api/volunteer-posts/{id}/roster", postId).exchange().expectStatus().isOk()
                        .expectBody(JsonNode.class).returnResult().getResponseBody();
                assertThat(roster.get("confirmed")).hasSize(5);
                assertThat(roster.get("waitlist")).hasSize(15);
            });
        }
    }

    @Test
    @Order(3)
    void aLiveStreamOnOneInstanceShowsASignUpMadeOnTheOther() {
        String organizer = account(first, "ORGANIZER");
        List<String> posts = IntStream.range(0, 4).mapToObj(i -> publish(first, organizer, 2, 20 + i)).toList();
        String resident = account(first, "RESIDENT");
        // Several posts, so that some are projected by each instance: the stream is on the second instance.
        for (String postId : posts) {
            Flux<JsonNode> counts = web(second, resident, PASSWORD)
                    .get().uri("/api/volunteer-posts/{id}/stream", postId).accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange().expectStatus().isOk()
                    .returnResult(JsonNode.class).getResponseBody();
            StepVerifier.create(counts)
                        .assertNext(now -> assertThat(now.get("confirmed").asInt()).isZero())
                        .then(() -> web(first, resident, PASSWORD)
                                .post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                                .expectStatus().isCreated())
                        .assertNext(next -> assertThat(next.get("confirmed").asInt()).isEqualTo(1))
                        .thenCancel()
                        .verify(Duration.ofSeconds(15));
        }
    }

    /**
     * The second instance answers a post's detail and the list from its read cache (a hit counted), then shows a
     * sign-up made through the first within a few seconds: its own processor over the log evicts what it had cached.
     */
    @Test
    @Order(4)
    void aReadCachedOnOneInstanceShowsASignUpMadeThroughTheOther() {
        String organizer = account(first, "ORGANIZER");
        String postId = publish(first, organizer, 3, 30);
        String resident = account(first, "RESIDENT");
        WebTestClient reader = web(second, resident, PASSWORD);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(detail(reader, postId).get("confirmed").asInt()).isZero();
            assertThat(listed(reader, postId).get("confirmed").asInt()).isZero();
        });
        double hits = cacheHits(second);
        assertThat(detail(reader, postId).get("confirmed").asInt()).isZero();
        assertThat(listed(reader, postId).get("confirmed").asInt()).isZero();
        assertThat(cacheHits(second)).as("answered from the second instance's cache").isGreaterThan(hits);

        web(first, resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                                      .expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(detail(reader, postId).get("confirmed").asInt()).isEqualTo(1);
            assertThat(listed(reader, postId).get("confirmed").asInt()).isEqualTo(1);
        });
    }

    private static JsonNode detail(WebTestClient reader, String postId) {
        return reader.get().uri("/api/volunteer-posts/{id}", postId).exchange().expectStatus().isOk()
                     .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static JsonNode listed(WebTestClient reader, String postId) {
        JsonNode all = reader.get().uri("/api/volunteer-posts").exchange().expectStatus().isOk()
                             .expectBody(JsonNode.class).returnResult().getResponseBody();
        for (JsonNode post : all) {
            if (post.get("id").asText().equals(postId)) {
                return post;
            }
        }
        throw new AssertionError(postId + " is not listed");
    }

    private static double cacheHits(ConfigurableApplicationContext instance) {
        MeterRegistry meters = instance.getBean(MeterRegistry.class);
        return meters.get("cache.gets").tag("result", "hit").functionCounters().stream()
                     .filter(counter -> counter.getId().getTag("cache").startsWith("volunteerPostViews."))
                     .mapToDouble(FunctionCounter::count).sum();
    }

    /** The second instance has the organizer's password verified and remembered when the first revokes the role. */
    @Test
    @Order(5)
    void aRevokedRoleIsRefusedOnTheOtherInstanceWithinASecond() {
        String organizer = account(first, "ORGANIZER");
        WebTestClient onSecond = web(second, organizer, PASSWORD);
        onSecond.get().uri("/api/venues/{venue}/calendar", "Hall").exchange().expectStatus().isOk();

        web(first, "root", ADMIN_PASSWORD).delete().uri("/api/admin/accounts/{u}/roles/ORGANIZER", organizer)
                                          .exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(
                () -> onSecond.get().uri("/api/venues/{venue}/calendar", "Hall").exchange()
                              .expectStatus().isForbidden());
    }


    @Test
    @Order(6)
    void aRebuildOnOneInstanceLosesNoUpdateMadeOnAnother() throws Exception {
        String organizer = account(second, "ORGANIZER");
        String resident = account(second, "RESIDENT");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        // Enough documents that copying the rebuilt views over the live ones takes a while.
        List<String> posts = new ArrayList<>();
        for (Future<String> post : callers.invokeAll(IntStream.range(0, 200).<Callable<String>>mapToObj(
                day -> () -> publish(second, organizer, 5, 100 + day)).toList())) {
            posts.add(post.get());
        }
        // While the first instance rebuilds, the second takes commands: new posts, and sign-ups for the posts the copy
        // reaches last.
        List<String> publishedDuring = new CopyOnWriteArrayList<>();
        AtomicInteger signedUpDuring = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger day = new AtomicInteger(400);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(callers.submit(() -> {
                while (writing.get()) {
                    publishedDuring.add(publish(second, organizer, 5, day.getAndIncrement()));
                }
            }));
        }
        writers.add(callers.submit(() -> {
            for (int i = posts.size() - 1; writing.get() && i >= 0; i--) {
                web(second, resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", posts.get(i))
                                               .exchange().expectStatus().isCreated();
                signedUpDuring.incrementAndGet();
            }
        }));

        web(first, "root", ADMIN_PASSWORD).post().uri("/api/admin/projections/{name}/replay", PROCESSOR)
                                          .exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> lastReplay(first) != null);
        Thread.sleep(500);
        writing.set(false);
        for (Future<?> writer : writers) {
            writer.get();
        }
        callers.shutdown();

        assertThat(lastReplay(first)).startsWith("completed");
        assertThat(publishedDuring).isNotEmpty();
        assertThat(signedUpDuring.get()).isPositive();
        // Once both instances have caught up, the live views are what a rebuild from scratch makes of every event.
        Rebuilds rebuilds = first.getBean(Rebuilds.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(rebuilds.handle(new DiffProjectionQuery(PROCESSOR)).differences()).isEmpty());
        for (String postId : publishedDuring) {
            web(first, organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}", postId).exchange()
                                           .expectStatus().isOk();
        }
    }

    private static String lastReplay(ConfigurableApplicationContext instance) {
        JsonNode all = web(instance, "root", ADMIN_PASSWORD).get().uri("/api/admin/projections").exchange()
                                                            .expectStatus().isOk().expectBody(JsonNode.class)
                                                            .returnResult().getResponseBody();
        for (JsonNode processor : all) {
            if (processor.get("name").asText().equals(PROCESSOR) && !processor.get("replaying").asBoolean()) {
                return processor.get("lastReplay").isNull() ? null : processor.get("lastReplay").asText();
            }
        }
        return null;
    }

    /**
     * Two admins, or one POST retried through the load balancer, asking both instances to rebuild one projection: the
     * rebuilds would share the scratch collections, so the second is refused while the first runs, and may start once
     * it is done. Nothing is lost either way.
     */
    @Test
    @Order(7)
    void aSecondRebuildOfTheSameProjectionIsRefusedWhileTheFirstRuns() {
        String before = lastReplay(first);
        replay(first).expectStatus().isAccepted();
        replay(second).expectStatus().isEqualTo(409)
                      .expectBody().jsonPath("$.type").isEqualTo("/problems/rebuild-running");
        await().atMost(Duration.ofSeconds(60)).until(() -> lastReplay(first) != null
                && !lastReplay(first).equals(before));
        assertThat(lastReplay(first)).startsWith("completed");

        replay(second).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> lastReplay(second) != null);
        assertThat(lastReplay(second)).startsWith("completed");
        Rebuilds rebuilds = second.getBean(Rebuilds.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(rebuilds.handle(new DiffProjectionQuery(PROCESSOR)).differences()).isEmpty());
    }

    /**
     * A rebuild's lease names the instance that runs it and lapses unless that instance renews it. One whose instance
     * died (with {@code kill -9}: no renewal, no release) is played by a lease document written by hand: it refuses a
     * rebuild until it expires, and no longer.
     */
    @Test
    @Order(8)
    void aRebuildWhoseInstanceDiedDoesNotBlockTheNextForever() throws Exception {
        MongoCollection<Document> leases = first.getBean("platformDatabase", MongoDatabase.class)
                                                .getCollection("rebuildLeases");
        long expires = System.currentTimeMillis() + 2_000;
        leases.insertOne(new Document("_id", PROCESSOR).append("instance", "dead-instance")
                                                       .append("lease", "dead-lease")
                                                       .append("expires", new java.util.Date(expires)));
        String before = lastReplay(first);
        replay(first).expectStatus().isEqualTo(409);

        Thread.sleep(Math.max(0, expires - System.currentTimeMillis()) + 200);
        replay(first).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> lastReplay(first) != null
                && !lastReplay(first).equals(before));
        assertThat(lastReplay(first)).startsWith("completed");
        assertThat(leases.countDocuments(Filters.eq("_id", PROCESSOR))).as("the lease, let go").isZero();
    }

    private static WebTestClient.ResponseSpec replay(ConfigurableApplicationContext instance) {
        return web(instance, "root", ADMIN_PASSWORD).post().uri("/api/admin/projections/{name}/replay", PROCESSOR)
                                                    .exchange();
    }

    /**
     * An instance that holds a processor for a rebuild and then dies (as with {@code kill -9}: it neither renews nor
     * lets go) holds it only until it is counted out and its claims expire. Played here by a token store of its own
     * and the document in which instances say they are alive and what they hold.
     */
    @Test
    @Order(9)
    void anInstanceThatDiesHoldingAProjectionHoldsItOnlyUntilItsClaimsExpire() throws Exception {
        String dead = "dead-instance";
        String organizer = account(second, "ORGANIZER");
        TokenStore deadTokens = MongoTokenStore.builder()
                                               .mongoTemplate(first.getBean("axonMongoTemplate", MongoTemplate.class))
                                               .serializer(first.getBean("serializer", Serializer.class))
                                               .nodeId(dead).claimTimeout(Duration.ofSeconds(3)).build();
        MongoCollection<Document> instances = first.getBean("platformDatabase", MongoDatabase.class)
                                                   .getCollection("platformInstances");
        int[] segments = deadTokens.fetchSegments(PROCESSOR);
        List<Integer> claimed = new ArrayList<>();
        for (int beat = 1; claimed.size() < segments.length; beat++) {
            Document alive = new Document("_id", dead).append("beat", beat).append("holding", List.of(PROCESSOR));
            instances.replaceOne(Filters.eq("_id", dead), alive, new ReplaceOptions().upsert(true));
            for (int segment : segments) {
                if (!claimed.contains(segment)) {
                    try {
                        deadTokens.fetchToken(PROCESSOR, segment);
                        claimed.add(segment);
                    } catch (UnableToClaimTokenException stillHeld) {
                        // the live instances give it back at their next balance
                    }
                }
            }
            assertThat(beat).as("beats before every segment was claimed").isLessThan(100);
            Thread.sleep(200);
        }
        assertThat(segmentsHeld(first) + segmentsHeld(second)).isZero();

        // It dies now. Once it is counted out and its claims expire (after Axon's back-off between claim attempts),
        // the live instances take the segments back, and the views follow new events again.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(segmentsHeld(first) + segmentsHeld(second)).isEqualTo(segments.length));
        String postId = publish(second, organizer, 5, 900);
        web(first, organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}", postId).exchange()
                                       .expectStatus().isOk();
        instances.deleteOne(Filters.eq("_id", dead));
    }

    @Test
    @Order(10)
    void whenOneInstanceStopsTheOtherTakesOverItsSegments() {
        first.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(segmentsHeld(second)).isEqualTo(4));
    }
}
