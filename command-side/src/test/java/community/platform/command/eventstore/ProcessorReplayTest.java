package community.platform.command.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine under Axon's pooled streaming processor and the Mongo token store, as the platform runs it. */
class ProcessorReplayTest {

    private static final String GROUP = "recorder";

    private EmbeddedMongo mongo;
    private MongoEventStorageEngine engine;
    private Configuration axon;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        MongoDatabase database = mongo.freshDatabase();
        Serializer serializer = EventSerialization.serializer();
        engine = MongoEventStorageEngine.builder().database(database).build();
        engine.ensureIndexes();
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureSerializer(c -> serializer)
                                .configureEmbeddedEventStore(c -> engine)
                                .eventProcessing(processing -> processing
                                        .usingPooledStreamingEventProcessors()
                                        .registerTokenStore(c -> MongoTokenStore.builder()
                                                .mongoTemplate(DefaultMongoTemplate.builder()
                                                        .mongoDatabase(mongo.client(), database.getName())
                                                        .build())
                                                .serializer(serializer)
                                                .build())
                                        .registerEventHandler(c -> recorder))
                                .start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        mongo.close();
    }

    @Test
    void handlersSeeReplayStatusForReplayedEventsAndRegularForNewOnes() {
        publish("a", 0, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.seen.size() == 5);
        assertThat(recorder.seen).allMatch(s -> s.endsWith("REGULAR"));

        PooledStreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        recorder.seen.clear();
        processor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.seen.size() == 5);
        publish("a", 5, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.seen.size() == 7);

        assertThat(recorder.resets).isEqualTo(1);
        assertThat(recorder.seen).containsExactly("note 0 REPLAY", "note 1 REPLAY", "note 2 REPLAY", "note 3 REPLAY",
                                                  "note 4 REPLAY", "note 5 REGULAR", "note 6 REGULAR");
    }

    @Test
    void theProcessorReportsItsPositionSoLagCanBeComputed() {
        publish("a", 0, 12);
        long newest = engine.headPosition() - 1;

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.seen.size() == 12);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                processor().processingStatus().values().stream()
                           .map(EventTrackerStatus::getCurrentPosition)
                           .map(p -> p.orElse(-1))
                           .max(Long::compare).orElseThrow())
                .isEqualTo(newest));
        assertThat(newest).isEqualTo(11);
    }

    private PooledStreamingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                   .eventProcessor(GROUP, PooledStreamingEventProcessor.class).orElseThrow();
    }

    private void publish(String id, int from, int count) {
        IntStream.range(from, from + count).forEach(seq -> axon.eventStore().publish(
                new GenericDomainEventMessage<>("Note", id, seq, new Noted(id, "note " + seq, BigDecimal.ONE))));
    }

    @ProcessingGroup(GROUP)
    static class Recorder {
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile int resets;

        @EventHandler
        void on(Noted noted, ReplayStatus status) {
            seen.add(noted.text() + " " + status);
        }

        @ResetHandler
        void reset() {
            resets++;
        }
    }
}
