package community.platform.command.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Snapshots taken by Axon's snapshotter on a per-type threshold, and aggregates loaded from them (none kept in memory
 * between commands, so every command loads: {@link KeptAggregatesTest} covers keeping them).
 */
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
                                .registerComponent(TypedRepositories.class, c -> new TypedRepositories(
                                        c.eventStore(), engine, c.parameterResolverFactory(),
                                        c.handlerDefinition(Tally.class), 0, Duration.ZERO))
                                .configureSnapshotter(c -> c.getComponent(TypedRepositories.class).snapshotter())
                                .configureAggregate(AggregateConfigurer.defaultConfiguration(Tally.class)
                                        .configureRepository(c -> c.getComponent(TypedRepositories.class).of(
                                                Tally.class, new EventCountSnapshotTriggerDefinition(
                                                        c.snapshotter(), 5))))
                                .start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        mongo.close();
    }

    private void openAndAddOneToEleven() {
        axon.commandGateway().sendAndWait(new Open("t1"));
        for (int i = 1; i <= 11; i++) {
            long total = axon.commandGateway().sendAndWait(new Add("t1", i));
            assertThat(total).isEqualTo((long) i * (i + 1) / 2);
        }
    }

    @Test
    void takesASnapshotAfterTheThresholdAndLoadsFromIt() {
        openAndAddOneToEleven();

        DomainEventMessage<?> first = engine.readEvents("Tally", "t1").asStream().findFirst().orElseThrow();
        assertThat(first.getPayload()).as("loading starts from the snapshot").isInstanceOf(Tally.class);
        assertThat(first.getSequenceNumber()).isGreaterThanOrEqualTo(4);
        long total = axon.commandGateway().sendAndWait(new Add("t1", 100));
        assertThat(total).isEqualTo(66 + 100);
        assertThat(engine.rejectedSnapshots()).isZero();
    }

    @Test
    void aTamperedSnapshotIsNeverUsed() {
        openAndAddOneToEleven();

        database.getCollection(Snapshots.SNAPSHOTS)
                .updateOne(Filters.eq("_id", "Tally:t1"), Updates.inc("payload.total", 1000));

        long total = axon.commandGateway().sendAndWait(new Add("t1", 100));
        assertThat(total).as("loaded from the events, not the edited snapshot").isEqualTo(66 + 100);
        assertThat(engine.rejectedSnapshots()).as("counted at the load, and at the snapshot that replaced it")
                                              .isPositive();
        long rejected = engine.rejectedSnapshots();
        assertThat((long) axon.commandGateway().sendAndWait(new Add("t1", 1))).isEqualTo(66 + 100 + 1);
        assertThat(engine.rejectedSnapshots()).as("the new snapshot is trusted again").isEqualTo(rejected);
    }

    @Test
    void aSnapshotWhoseMacIsRecomputedStillDoesNotMatchItsCommit() {
        openAndAddOneToEleven();
        var snapshots = database.getCollection(Snapshots.SNAPSHOTS);
        long sequence = snapshots.find(Filters.eq("_id", "Tally:t1")).first().getLong("sequenceNumber");

        // Its commit changed under it (say, restored from an old backup): the snapshot no longer describes it.
        database.getCollection(CommitLog.COMMITS)
                .updateOne(Filters.eq("lastPosition", sequence), Updates.set("hash", "0".repeat(64)));

        assertThat(engine.readEvents("Tally", "t1").asStream().findFirst().orElseThrow().getPayload())
                .isNotInstanceOf(Tally.class);
        assertThat(engine.rejectedSnapshots()).isEqualTo(1);
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
