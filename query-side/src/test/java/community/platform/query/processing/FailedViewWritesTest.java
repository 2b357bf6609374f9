package community.platform.query.processing;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import community.platform.query.EmbeddedMongo;
import community.platform.query.views.KeptViews;
import community.platform.query.views.ViewBatch;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's batch whose view writes fail part-way, on a processor configured as the platform's are (pooled
 * streaming, a batch's writes sent together, events a projection fails on set aside), against the embedded server. The
 * event whose handler meets the failure (it reads a document an earlier event of the batch changed, so the writes go
 * out then) is not set aside ahead of that earlier event: the batch comes again whole, and once the store takes the
 * writes every event is in the view, in the order of the log, with nothing set aside.
 */
class FailedViewWritesTest {

    private static final String PROCESSOR = "tallies";

    /** One event of a record, naming the record's owner; owners are unique across records in the view. */
    record Tallied(String record, String owner) {
    }

    @ProcessingGroup(PROCESSOR)
    static class Tallies {

        final MongoCollection<Document> views;
        final AtomicInteger failures = new AtomicInteger();

        Tallies(MongoCollection<Document> views) {
            this.views = views;
        }

        @EventHandler
        void on(Tallied event) {
            ViewBatch batch = ViewBatch.current();
            Document view;
            try {
                view = batch.find(views, event.record());
            } catch (RuntimeException failed) {
                failures.incrementAndGet();
                throw failed;
            }
            List<String> owners = view == null ? List.of() : view.getList("owners", String.class);
            batch.update(views, event.record(), Updates.combine(Updates.set("owner", event.owner()),
                                                                Updates.set("count", owners.size() + 1),
                                                                Updates.push("owners", event.owner())), true);
        }
    }

    private EmbeddedMongo mongo;
    private MongoCollection<Document> views;
    private Configuration axon;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        views = mongo.database().getCollection("tallies");
    }

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        mongo.close();
    }

    @Test
    void aBatchWhoseWritesFailPartWayComesAgainWholeAndSetsNothingAside() throws Exception {
        Mono.from(views.createIndex(Indexes.ascending("owner"), new IndexOptions().unique(true))).block();
        // the first event's write fails while another record holds its owner
        Mono.from(views.insertOne(new Document("_id", "other").append("owner", "wang"))).block();
        Tallies tallies = new Tallies(views);
        KeptViews kept = new KeptViews(Duration.ofSeconds(10), 0, Duration.ofSeconds(1));
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                                                 .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing()
                  .usingPooledStreamingEventProcessors((c, builder) -> builder.batchSize(10).initialSegmentCount(1)
                                                                            .tokenClaimInterval(100))
                  .registerEventHandler(c -> tallies)
                  .registerSequencingPolicy(PROCESSOR, c -> event -> ((Tallied) event.getPayload()).record())
                  .registerDefaultHandlerInterceptor((c, name) -> kept.flushing(name, () -> 0))
                  .registerDeadLetterQueue(PROCESSOR, c -> InMemorySequencedDeadLetterQueue.defaultQueue())
                  .registerDeadLetteringEventHandlerInvokerConfiguration(
                          PROCESSOR, (c, invoker) -> invoker.enableSequenceIdentifierCache()
                                                            .enqueuePolicy(new SetAsidePolicy(kept, PROCESSOR)));
        axon = configurer.buildConfiguration();
        axon.eventBus().publish(GenericEventMessage.asEventMessage(new Tallied("tally-1", "wang")),
                                GenericEventMessage.asEventMessage(new Tallied("tally-1", "li")));
        axon.start();

        eventually(Duration.ofSeconds(20), () -> assertThat(tallies.failures.get()).isPositive());
        Mono.from(views.deleteOne(eq("_id", "other"))).block();

        eventually(Duration.ofSeconds(30), () -> {
            Document tally = Mono.from(views.find(eq("_id", "tally-1")).first()).block();
            assertThat(tally).isNotNull();
            assertThat(tally.getList("owners", String.class)).containsExactly("wang", "li");
        });
        SequencedDeadLetterQueue<EventMessage<?>> setAside =
                axon.eventProcessingConfiguration().deadLetterQueue(PROCESSOR).orElseThrow();
        assertThat(setAside.size()).isZero();
    }

    private static void eventually(Duration within, Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }
}
