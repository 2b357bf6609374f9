package community.platform.query.processing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's batch whose view writes fail, on a processor configured by the platform's own module
 * ({@link ProcessingConfiguration#pooledStreamingProcessors}: pooled streaming, a batch's writes sent together, events a
 * projection fails on set aside in the Axon Mongo extension's queue), against the embedded server. The writes fail
 * while another record holds the owner they set (owners are unique in the view), until the test gives that owner up.
 * Whatever failed, the batch comes again whole, and once the store takes the writes every event is in the view in the
 * order of the log, and the queue holds only what a projection itself failed on, once.
 */
class FailedViewWritesTest {

    private static final String PROCESSOR = "tallies";
    private static final String FAILING = "boom";

    /** One event of a record, naming the record's owner. */
    record Tallied(String record, String owner) {
    }

    @ProcessingGroup(PROCESSOR)
    static class Tallies {

        final MongoCollection<Document> views;

        Tallies(MongoCollection<Document> views) {
            this.views = views;
        }

        /**
         * Reads the record's document first, so a write of the batch still held for it goes out here; an event
         * applied already (its batch came again) changes nothing, as in the platform's projections.
         */
        @EventHandler
        void on(Tallied event, @SequenceNumber long sequence) {
            ViewBatch batch = ViewBatch.current();
            Document view = batch.find(views, event.record());
            if (event.owner().equals(FAILING)) {
                throw new IllegalStateException("this projection cannot take " + FAILING);
            }
            if (view != null && view.getLong("lastSequence") >= sequence) {
                return;
            }
            batch.update(views, event.record(), Updates.combine(Updates.set("owner", event.owner()),
                                                                Updates.set("lastSequence", sequence),
                                                                Updates.push("owners", event.owner())), true);
        }
    }

    private EmbeddedMongo mongo;
    private MongoClient axonClient;
    private MongoCollection<Document> views;
    private Configuration axon;
    /** Batches that rolled back, as seen around the platform's interceptor. */
    private final AtomicInteger failedBatches = new AtomicInteger();

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        axonClient = MongoClients.create(mongo.uri());
        views = mongo.database().getCollection("tallies");
        Mono.from(views.createIndex(Indexes.ascending("owner"), new IndexOptions().unique(true))).block();
    }

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        axonClient.close();
        mongo.close();
    }

    /** Starts the processor on {@code events} (record, owner), all in the log before it starts, so in one batch. */
    private void process(String... events) {
        Tallies tallies = new Tallies(views);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean(PROCESSOR, tallies);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                                                 .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                                                 .configureSerializer(c -> JacksonSerializer.defaultSerializer());
        configurer.eventProcessing()
                  .registerEventHandler(c -> tallies)
                  .registerDefaultHandlerInterceptor((c, name) -> (unitOfWork, chain) -> {
                      try {
                          return chain.proceed();
                      } catch (Exception failed) {
                          failedBatches.incrementAndGet();
                          throw failed;
                      }
                  });
        new ProcessingConfiguration().pooledStreamingProcessors(
                DefaultMongoTemplate.builder().mongoDatabase(axonClient, "platform").build(), beans,
                new StandardEnvironment(), new KeptViews(Duration.ofSeconds(10), 500, Duration.ofSeconds(1)), 1, 10,
                Duration.ofMillis(100), Duration.ofSeconds(10)).configureModule(configurer);
        axon = configurer.buildConfiguration();
        List<EventMessage<?>> messages = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < events.length; i += 2) {
            String record = events[i];
            long sequence = records.stream().filter(record::equals).count();
            records.add(record);
            messages.add(new GenericDomainEventMessage<>("Tally", record, sequence, new Tallied(record, events[i + 1])));
        }
        axon.eventBus().publish(messages);
        axon.start();
    }

    private void ownerHeldElsewhere(String owner) {
        Mono.from(views.insertOne(new Document("_id", "elsewhere").append("owner", owner))).block();
    }

    private void ownerGivenUpOnceABatchFailed() throws InterruptedException {
        eventually(Duration.ofSeconds(20), () -> assertThat(failedBatches.get()).isPositive());
        Mono.from(views.deleteOne(eq("_id", "elsewhere"))).block();
    }

    private List<String> owners(String record) {
        Document tally = Mono.from(views.find(eq("_id", record)).first()).block();
        return tally == null ? List.of() : tally.getList("owners", String.class);
    }

    private List<String> setAside() {
        SequencedDeadLetterQueue<EventMessage<?>> queue =
                axon.eventProcessingConfiguration().deadLetterQueue(PROCESSOR).orElseThrow();
        List<String> owners = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                owners.add(((Tallied) letter.message().getPayload()).owner());
            }
        }
        return owners;
    }

    @Test
    void writesThatFailPartWaySetAsideNeitherTheEventThatMetThemNorAnyOther() throws Exception {
        // wang's write is held until li's handler reads the tally, and fails then
        ownerHeldElsewhere("wang");
        process("tally-1", "wang", "tally-1", "li");

        ownerGivenUpOnceABatchFailed();

        eventually(Duration.ofSeconds(30), () -> assertThat(owners("tally-1")).containsExactly("wang", "li"));
        assertThat(setAside()).isEmpty();
    }

    @Test
    void aBatchThatComesAgainAfterSettingAnEventAsideFindsNoLetterOfItsOwnAndQueuesItOnce() throws Exception {
        // a projection fails on tally-1's second event; then the batch's writes fail at its end, on tally-2's
        ownerHeldElsewhere("zhao");
        process("tally-1", "wang", "tally-1", FAILING, "tally-2", "zhao");

        ownerGivenUpOnceABatchFailed();

        eventually(Duration.ofSeconds(30), () -> assertThat(owners("tally-2")).containsExactly("zhao"));
        assertThat(owners("tally-1")).containsExactly("wang");
        // the batch's letters are written just after its views
        eventually(Duration.ofSeconds(5), () -> assertThat(setAside()).containsExactly(FAILING));
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
