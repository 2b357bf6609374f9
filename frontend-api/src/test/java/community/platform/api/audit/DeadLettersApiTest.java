package community.platform.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.ApiTest;
import community.platform.query.views.ViewBatch;
import community.platform.shared.accounts.AccountRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection that fails on one event (a poison event): that event is set aside, the others keep flowing, the
 * operators see it (the projections' status, the dead letters, Prometheus), and once the cause is fixed a retry
 * applies it.
 */
class DeadLettersApiTest extends ApiTest {

    static final String GROUP = "poison-test";

    /** Writes each registered username, and fails on those starting with "poison" while {@link #broken}. */
    @ProcessingGroup(GROUP)
    static class PoisonedProjection {
        static volatile boolean broken = true;
        private final MongoCollection<Document> seen;

        PoisonedProjection(MongoDatabase platformViewDatabase) {
            this.seen = platformViewDatabase.getCollection("poisonTestViews");
        }

        @EventHandler
        void on(AccountRegisteredEvent event) {
            if (broken && event.username().startsWith("poison")) {
                throw new IllegalStateException("poisoned by " + event.username());
            }
            ViewBatch.current().replace(seen, new Document("_id", event.username()));
        }
    }

    @TestConfiguration
    static class Poison {
        @Bean
        PoisonedProjection poisonedProjection(MongoDatabase platformViewDatabase) {
            return new PoisonedProjection(platformViewDatabase);
        }
    }

    @Autowired
    private MongoDatabase platformViewDatabase;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("platformDatabase")
    private com.mongodb.client.MongoDatabase store;

    private List<Object> seen() {
        return Flux.from(platformViewDatabase.getCollection("poisonTestViews").find()).map(d -> d.get("_id"))
                   .collectList().block();
    }

    private JsonNode status() {
        for (JsonNode processor : asAdmin().get().uri("/api/admin/projections").exchange().expectStatus().isOk()
                                           .expectBody(JsonNode.class).returnResult().getResponseBody()) {
            if (processor.get("name").asText().equals(GROUP)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + GROUP);
    }

    @Test
    void aPoisonEventIsSetAsideTheOthersFlowAndARetryAfterTheFixAppliesIt() {
        String poisoned = unique("poison");
        String fine = unique("fine");
        register(poisoned, "dead-letters-password").expectStatus().isCreated();
        register(fine, "dead-letters-password").expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(seen()).contains(fine).doesNotContain(poisoned);
            assertThat(status().get("deadLetters").asLong()).isEqualTo(1);
        });
        JsonNode letters = asAdmin().get().uri("/api/admin/projections/{n}/dead-letters", GROUP).exchange()
                                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                    .getResponseBody();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).get("record").asText()).isEqualTo(poisoned);
        assertThat(letters.get(0).get("type").asText()).isEqualTo("AccountRegisteredEvent");
        assertThat(letters.get(0).get("cause").asText()).contains("poisoned by " + poisoned);
        // a dead letter keeps the event as the log does: its personal fields encrypted, erased with their key
        assertThat(store.getCollection("deadletters").find().into(new java.util.ArrayList<>()))
                .extracting(org.bson.Document::toJson)
                .anySatisfy(letter -> assertThat(letter).contains(poisoned))
                .noneSatisfy(letter -> assertThat(letter).contains("Resident " + poisoned));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                asAdmin().mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                         .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                         .expectBody(String.class).returnResult().getResponseBody())
                .contains("platform_processor_dead_letters{processor=\"" + GROUP + "\"} 1.0"));

        PoisonedProjection.broken = false;
        asAdmin().post().uri("/api/admin/projections/{n}/dead-letters/retry", GROUP).exchange()
                 .expectStatus().isOk()
                 .expectBody().jsonPath("$.retried").isEqualTo(1).jsonPath("$.remaining").isEqualTo(0);

        assertThat(seen()).contains(poisoned, fine);
        assertThat(status().get("deadLetters").asLong()).isZero();
    }

    @Test
    void retryingAnUnknownProcessorIs404() {
        asAdmin().post().uri("/api/admin/projections/no-such-processor/dead-letters/retry").exchange()
                 .expectStatus().isNotFound();
    }
}
