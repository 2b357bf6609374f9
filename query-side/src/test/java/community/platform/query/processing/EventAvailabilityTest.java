package community.platform.query.processing;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Streams read through EventAvailability call back when events arrive, which the embedded event store's do not. */
class EventAvailabilityTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
                                                               .storageEngine(new InMemoryEventStorageEngine())
                                                               .build();
    private final EventAvailability availability = new EventAvailability(store);

    @AfterEach
    void stop() {
        availability.close();
        store.shutDown();
    }

    /** Publishes events until the callbacks have run {@code times} times in all, for up to 10 s. */
    private void publishUntil(AtomicInteger calls, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls.get() < times && System.nanoTime() < deadline) {
            store.publish(GenericEventMessage.asEventMessage("sign-up"));
            Thread.sleep(100);
        }
    }

    @Test
    void theEmbeddedStoresStreamsOfferNoCallback() {
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            assertThat(stream.setOnAvailableCallback(() -> { })).isFalse();
        }
    }

    @Test
    void aStreamIsCalledBackWhenEventsArrive() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (BlockingStream<TrackedEventMessage<?>> stream = availability.openStream(store.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).isTrue();

            publishUntil(calls, 1);

            assertThat(calls).hasPositiveValue();
            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("sign-up");
        }
    }

    @Test
    void aClosedStreamIsNotCalledBackAnyMore() throws Exception {
        AtomicInteger closedCalls = new AtomicInteger();
        AtomicInteger openCalls = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> closed = availability.openStream(null);
        closed.setOnAvailableCallback(closedCalls::incrementAndGet);
        closed.close();
        try (BlockingStream<TrackedEventMessage<?>> open = availability.openStream(null)) {
            open.setOnAvailableCallback(openCalls::incrementAndGet);

            publishUntil(openCalls, 2);

            assertThat(openCalls.get()).isGreaterThanOrEqualTo(2);
            assertThat(closedCalls).hasValue(0);
        }
    }
}
