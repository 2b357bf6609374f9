package community.platform.command.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** Snapshots taken by Axon's snapshotter on a per-type threshold, and aggregates loaded from them. */
class SnapshotThroughAxonTest {

    private EmbeddedMongo mongo;
    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private Configuration axon;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.freshDatabase();
        engine = MongoEventStorageEngine.builder().database(database).build();
        engine.ensureIndexes();
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureSerializer(c -> EventSerialization.serializer())
                                .configureEmbeddedEventStore(c -> engine)
                                .configureAggregate(AggregateConfigurer.defaultConfiguration(Tally.class)
                                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                                c.snapshotter(), 5)))
                                .start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        mongo.close();
    }

    @Test
    void takesASnapshotAfterTheThresholdAndLoadsFromIt() {
        axon.commandGateway().sendAndWait(new Open("t1"));
        for (int i = 1; i <= 11; i++) {
            long total = axon.commandGateway().sendAndWait(new Add("t1", i));
            assertThat(total).isEqualTo((long) i * (i + 1) / 2);
        }

        assertThat(engine.readSnapshot("t1")).hasValueSatisfying(
                snapshot -> assertThat(snapshot.getSequenceNumber()).isGreaterThanOrEqualTo(4));
        long total = axon.commandGateway().sendAndWait(new Add("t1", 100));
        assertThat(total).isEqualTo(66 + 100);

        // A marker written into the stored snapshot shows that loading starts from it.
        database.getCollection(MongoEventStorageEngine.SNAPSHOTS)
                .updateOne(Filters.eq("_id", "t1"), Updates.inc("payload.total", 1000));
        long fromSnapshot = axon.commandGateway().sendAndWait(new Add("t1", 1));
        assertThat(fromSnapshot).isEqualTo(66 + 100 + 1 + 1000);
    }

    record Open(String tallyId) {
    }

    record Add(@TargetAggregateIdentifier String tallyId, long amount) {
    }

    record Opened(String tallyId) {
    }

    record Added(String tallyId, long amount) {
    }

    static class Tally {
        @AggregateIdentifier
        private String tallyId;
        private long total;

        @CommandHandler
        Tally(Open command) {
            apply(new Opened(command.tallyId()));
        }

        @CommandHandler
        long handle(Add command) {
            apply(new Added(tallyId, command.amount()));
            return total;
        }

        @EventSourcingHandler
        void on(Opened event) {
            tallyId = event.tallyId();
        }

        @EventSourcingHandler
        void on(Added event) {
            total += event.amount();
        }

        Tally() {
            // required by Axon
        }
    }
}
