package community.platform;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformApplicationTest extends ApiTest {

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
