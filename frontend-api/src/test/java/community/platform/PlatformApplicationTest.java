package community.platform;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "platform.store.in-memory=true")
class PlatformApplicationTest {

    @Autowired
    private WebTestClient web;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventStorageEngine storageEngine;

    @Test
    void healthIsUpOnceStorageAndProcessorsRun() {
        web.get().uri("/actuator/health").exchange()
           .expectStatus().isOk()
           .expectBody().json("{\"status\":\"UP\"}", true);
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
