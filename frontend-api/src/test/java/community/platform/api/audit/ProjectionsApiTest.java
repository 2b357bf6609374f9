package community.platform.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.ApiTest;
import community.platform.query.accounts.IndexedAccountProjection;
import community.platform.query.accounts.ShoutingAccountProjection;
import community.platform.query.processing.Rebuilds;
import community.platform.shared.audit.DiffProjectionQuery;
import community.platform.shared.audit.ScratchCollections;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** Event processors as operators see them: status, a rebuild beside the live views, and a diff. */
class ProjectionsApiTest extends ApiTest {

    private static final String PASSWORD = "projections-password";

    @Autowired
    private Rebuilds rebuilds;

    private String publish(String organizer, int capacity) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(11).withNano(0);
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Rebuilt duty");
        body.put("team", "green");
        body.put("location", "East Park");
        body.put("startsAt", start.toString());
        body.put("endsAt", start.plusHours(2).toString());
        body.put("capacity", capacity);
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    private JsonNode status(String name) {
        JsonNode all = asAdmin().get().uri("/api/admin/projections").exchange().expectStatus().isOk()
                                .expectBody(JsonNode.class).returnResult().getResponseBody();
        for (JsonNode processor : all) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name + " in " + all);
    }

    @Test
    void eachProcessorHasTheSegmentCountItWasGiven(@Autowired TokenStore tokens) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tokens.fetchSegments("venue-calendar")).hasSize(2);
            assertThat(tokens.fetchSegments("volunteer-posts")).as("one instance on its own embedded store")
                                                                .hasSize(1);
            assertThat(tokens.fetchSegments("EnrollmentProcessProcessor")).as("the enrollment process's own setting")
                                                                           .hasSize(16);
            assertThat(tokens.fetchSegments("VenueBookingSagaProcessor")).as("a process, not a view").hasSize(4);
            assertThat(tokens.fetchSegments("PostSeriesSagaProcessor")).as("a process, not a view").hasSize(4);
        });
    }

    @Test
    void oneInstanceOnItsOwnEmbeddedStoreKeepsWhatItsProcessesLookupsFound(@Autowired SagaStore<?> sagas) {
        assertThat(sagas).isInstanceOf(CachingSagaStore.class);
    }

    @Test
    void everyProcessorShowsItsPositionAndLag() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode posts = status("volunteer-posts");
            assertThat(posts.get("status").asText()).isEqualTo("RUNNING");
            assertThat(posts.get("lag").asLong()).isZero();
            assertThat(posts.get("progress").asInt()).isEqualTo(100);
        });
        JsonNode names = asAdmin().get().uri("/api/admin/projections").exchange().expectBody(JsonNode.class)
                                  .returnResult().getResponseBody();
        assertThat(names.findValuesAsText("name")).contains("accounts", "courses", "festival-events", "notices",
                                                            "venue-calendar", "volunteer-duties", "volunteer-posts");
    }

    @Test
    void aRebuildUnderReadsAndWritesNeverShowsAnEmptyViewAndEndsWithTheOldViewsPlusTheNewEvents() throws Exception {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String post = publish(organizer, 100);
        List<String> before = List.of(account("v", PASSWORD, "RESIDENT"), account("v", PASSWORD, "RESIDENT"),
                                      account("v", PASSWORD, "RESIDENT"));
        for (String volunteer : before) {
            as(volunteer, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange()
                                   .expectStatus().isCreated();
        }
        List<String> during = List.of(account("w", PASSWORD, "RESIDENT"), account("w", PASSWORD, "RESIDENT"));
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                var answer = as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}", post).exchange()
                                                    .returnResult(JsonNode.class);
                JsonNode body = answer.getResponseBody().blockFirst();
                seen.add(answer.getStatus().value() + ":" + (body == null ? "none" : body.path("confirmed").asInt()));
                reads.incrementAndGet();
            }
        });
        reader.start();

        asAdmin().post().uri("/api/admin/projections/volunteer-posts/replay").exchange()
                 .expectStatus().isAccepted()
                 .expectBody().jsonPath("$.status").isEqualTo("REBUILDING");
        for (String volunteer : during) {
            as(volunteer, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange()
                                   .expectStatus().isCreated();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !status("volunteer-posts").get("replaying").asBoolean());
        reading.set(false);
        reader.join();

        assertThat(status("volunteer-posts").get("lastReplay").asText()).startsWith("completed");
        assertThat(reads.get()).isPositive();
        // every read found the post, never fewer sign-ups than before the rebuild began
        assertThat(seen).allSatisfy(read -> {
            assertThat(read).startsWith("200:");
            assertThat(Integer.parseInt(read.substring(4))).isBetween(3, 5);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode roster = as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", post).exchange()
                                                     .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                                     .getResponseBody();
            assertThat(roster.get("confirmed").findValuesAsText("username"))
                    .containsExactlyElementsOf(java.util.stream.Stream.concat(before.stream(), during.stream())
                                                                      .toList());
        });
        // and a fresh rebuild agrees with the views it left behind
        assertThat(rebuilds.handle(new DiffProjectionQuery("volunteer-posts")).differences()).isEmpty();
    }

    /** Two diffs of one projection at once, each with other projection classes: each answers for its own classes. */
    @Test
    void twoDiffsOfOneProjectionAtOnceEachAnswerForTheirOwnRebuild() throws Exception {
        String resident = account("loud", PASSWORD, "RESIDENT");
        for (int round = 0; round < 3; round++) {
            java.util.concurrent.CompletableFuture<DiffProjectionQuery.Diff> unchanged =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> rebuilds.handle(new DiffProjectionQuery("accounts")));
            java.util.concurrent.CompletableFuture<DiffProjectionQuery.Diff> changed =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> rebuilds.diff("accounts", List.of(ShoutingAccountProjection.class)));

            assertThat(unchanged.get().differences()).isEmpty();
            assertThat(changed.get().differences()).isNotEmpty()
                                                   .allSatisfy(d -> assertThat(d.change()).isEqualTo("CHANGED"))
                                                   .anySatisfy(d -> assertThat(d.id()).isEqualTo(resident));
        }
    }

    /** Projections are package-private, most with package-private constructors: a rebuild makes them all the same. */
    @Test
    void everyProcessorOfferedForARebuildCanMakeItsProjectionsAgain() {
        JsonNode all = asAdmin().get().uri("/api/admin/projections").exchange().expectBody(JsonNode.class)
                                .returnResult().getResponseBody();
        assertThat(all.findValuesAsText("name")).contains("erasure-requests", "certificates", "neighbourhoods");
        for (String name : all.findValuesAsText("name")) {
            assertThatCode(() -> rebuilds.handle(new DiffProjectionQuery(name))).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void aDiffAfterAChangedProjectionListsTheDocumentsItWouldChange() {
        String resident = account("quiet", PASSWORD, "RESIDENT");

        DiffProjectionQuery.Diff unchanged = rebuilds.handle(new DiffProjectionQuery("accounts"));
        DiffProjectionQuery.Diff changed = rebuilds.diff("accounts", List.of(ShoutingAccountProjection.class));

        assertThat(unchanged.differences()).isEmpty();
        assertThat(changed.differences()).isNotEmpty()
                                         .allSatisfy(d -> assertThat(d.change()).isEqualTo("CHANGED"))
                                         .anySatisfy(d -> assertThat(d.id()).isEqualTo(resident));
        asAdmin().get().uri("/api/admin/projections/accounts/diff").exchange().expectStatus().isOk()
                 .expectBody().jsonPath("$.differences.length()").isEqualTo(0);
        asAdmin().get().uri("/api/admin/projections/no-such/diff").exchange().expectStatus().isNotFound();
        asAdmin().post().uri("/api/admin/projections/no-such/replay").exchange().expectStatus().isNotFound();
    }

    /**
     * The collections a diff writes (made as a rebuild makes them) have the indexes its projections make: none is
     * dropped after they are made.
     */
    @Test
    void aDiffWritesCollectionsWithTheIndexesItsProjectionsMake() {
        account("indexed", PASSWORD, "RESIDENT");
        IndexedAccountProjection.SEEN.clear();

        rebuilds.diff("accounts", List.of(IndexedAccountProjection.class));

        assertThat(IndexedAccountProjection.SEEN).contains("_id_", "roles_1");
    }

    /** What a rebuild that did not finish left in its collections is gone before the next one writes there. */
    @Test
    void aRebuildStartsFromNoneOfWhatAnEarlierOneLeft(
            @Autowired @Qualifier("platformViewDatabase") MongoDatabase views) {
        String resident = account("rebuilt", PASSWORD, "RESIDENT");
        Mono.from(views.getCollection("accountViews" + ScratchCollections.REBUILD)
                       .insertOne(new Document("_id", "left-behind"))).block();

        asAdmin().post().uri("/api/admin/projections/accounts/replay").exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> !status("accounts").get("replaying").asBoolean());

        assertThat(status("accounts").get("lastReplay").asText()).startsWith("completed");
        MongoCollection<Document> accounts = views.getCollection("accountViews");
        assertThat(Mono.from(accounts.find(new Document("_id", "left-behind")).first()).block()).isNull();
        assertThat(Mono.from(accounts.find(new Document("_id", resident)).first()).block()).isNotNull();
    }
}
