package community.platform;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformApplicationTest extends ApiTest {

    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void healthIsUpOnceStorageAnswersAndTheProcessorsHaveCaughtUp() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> web.get().uri("/actuator/health").exchange()
                         .expectStatus().isOk()
                         .expectBody().json("{\"status\":\"UP\", \"groups\": [\"liveness\", \"readiness\"]}", true));
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void healthIsDownWhileAProcessorIsStopped() {
        EventProcessor accounts = processing.eventProcessor("accounts").orElseThrow();
        assertThat(accounts).isInstanceOf(PooledStreamingEventProcessor.class);

        accounts.shutDown();
        try {
            web.get().uri("/actuator/health").exchange()
               .expectStatus().isEqualTo(503)
               .expectBody().json("{\"status\":\"DOWN\"}");
        } finally {
            accounts.start();
        }
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void eventsGoToThePlatformsOwnMongoEngine() {
        assertThat(storageEngine.getClass().getSimpleName()).isEqualTo("MongoEventStorageEngine");

        eventStore.publish(new GenericDomainEventMessage<>("Probe", "probe-1", 0, new Probe("probe-1", "hello")));

        assertThat(eventStore.readEvents("probe-1").asStream().<Object>map(DomainEventMessage::getPayload))
                .containsExactly(new Probe("probe-1", "hello"));
    }

    record Probe(String probeId, String text) {
    }
}
