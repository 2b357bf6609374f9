package community.platform.command.eventstore;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Aggregates kept in memory between commands ({@link TypedRepositories}): two instances on one store, each keeping
 * its own copies, and a driver that counts the reads of snapshots.
 */
class KeptAggregatesTest {

    private EmbeddedMongo mongo;
    private MongoClient counted;
    private final AtomicInteger snapshotReads = new AtomicInteger();
    private final List<Configuration> instances = new ArrayList<>();
    private Configuration first;
    private Configuration second;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        String database = mongo.freshDatabase().getName();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && Snapshots.SNAPSHOTS.equals(event.getCommand().getString("find").getValue())) {
                    snapshotReads.incrementAndGet();
                }
            }
        };
        counted = MongoClients.create(MongoClientSettings.builder()
                                                         .applyConnectionString(
                                                                 new ConnectionString(mongo.connectionString()))
                                                         .addCommandListener(listener).build());
        first = instance(counted, database, 100, true);
        second = instance(mongo.client(), database, 100, true);
    }

    private Configuration instance(MongoClient client, String database, int keptPerType, boolean snapshots) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(client.getDatabase(database))
                                                                .build();
        engine.ensureIndexes();
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> EventSerialization.serializer())
                .configureEmbeddedEventStore(c -> engine)
                .registerComponent(TypedRepositories.class, c -> new TypedRepositories(
                        c.eventStore(), engine, c.parameterResolverFactory(), c.handlerDefinition(Seats.class),
                        keptPerType, Duration.ofMinutes(1)))
                .configureSnapshotter(c -> c.getComponent(TypedRepositories.class).snapshotter())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Seats.class).configureRepository(
                        c -> c.getComponent(TypedRepositories.class).of(Seats.class, snapshots
                                ? new EventCountSnapshotTriggerDefinition(c.snapshotter(), 1000) : null)))
                .start();
        instances.add(axon);
        return axon;
    }

    @AfterEach
    void stop() {
        instances.forEach(Configuration::shutdown);
        counted.close();
        mongo.close();
    }

    private static int take(Configuration instance, int seats) {
        return instance.commandGateway().sendAndWait(new Take("course", seats));
    }

    @Test
    void aKeptAggregateIsDecidedOnWithoutReadingItAgain() {
        first.commandGateway().sendAndWait(new Open("course", 30));
        for (int i = 0; i < 6; i++) {
            take(first, 1);
        }
        assertThat(snapshotReads.get()).as("read once, by the first command on it").isEqualTo(1);

        TypedRepositories repositories = first.getComponent(TypedRepositories.class);
        repositories.forgetKept();
        assertThat(take(first, 1)).isEqualTo(7);
        assertThat(snapshotReads.get()).as("read again once forgotten").isEqualTo(2);
    }

    @Test
    void aTypeThatTakesNoSnapshotsIsReadWithoutLookingForOne() {
        Configuration unsnapshotted = instance(counted, mongo.freshDatabase().getName(), 0, false);
        unsnapshotted.commandGateway().sendAndWait(new Open("course", 30));
        assertThat(take(unsnapshotted, 1)).isEqualTo(1);
        assertThat(take(unsnapshotted, 2)).as("read from its events, each time").isEqualTo(3);
        assertThat(snapshotReads.get()).isZero();
    }

    @Test
    void anErasureWhileAnAggregateIsReadKeepsNothingOfWhatWasRead() {
        first.commandGateway().sendAndWait(new Open("course", 30));
        TypedRepositories repositories = first.getComponent(TypedRepositories.class);
        Seats.whileRead = repositories::forgetKept;
        try {
            take(first, 1);
        } finally {
            Seats.whileRead = null;
        }
        assertThat(snapshotReads.get()).isEqualTo(1);

        assertThat(take(first, 1)).isEqualTo(2);
        assertThat(snapshotReads.get()).as("read again: the first read overlapped an erasure").isEqualTo(2);
    }

    @Test
    void anotherInstancesCommandIsSeenBeforeTheNextDecision() {
        first.commandGateway().sendAndWait(new Open("course", 10));
        assertThat(take(first, 4)).isEqualTo(4);
        assertThat(take(second, 5)).isEqualTo(9);

        assertThatThrownBy(() -> take(first, 2)).as("decided on the 9 taken, not the 4 it kept")
                                               .isInstanceOf(IllegalStateException.class)
                                               .hasMessageContaining("only 1 left");
        assertThat(take(first, 1)).isEqualTo(10);
        assertThat(take(second, 0)).isEqualTo(10);
    }

    @Test
    void aCommandThatFailsLeavesNothingOfItsOwnKept() {
        first.commandGateway().sendAndWait(new Open("course", 10));
        take(first, 3);

        assertThatThrownBy(() -> first.commandGateway().sendAndWait(new TakeThenFail("course", 5)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(take(first, 1)).as("the 5 taken by the failed command are not counted").isEqualTo(4);
    }

    record Open(String courseId, int capacity) {
    }

    record Take(@TargetAggregateIdentifier String courseId, int seats) {
    }

    record TakeThenFail(@TargetAggregateIdentifier String courseId, int seats) {
    }

    record Opened(String courseId, int capacity) {
    }

    record Taken(String courseId, int seats) {
    }

    static class Seats {
        /** Runs as an aggregate is read from its events: an erasure at that moment. */
        static volatile Runnable whileRead;

        @AggregateIdentifier
        private String courseId;
        private int capacity;
        private int taken;

        @CommandHandler
        Seats(Open command) {
            apply(new Opened(command.courseId(), command.capacity()));
        }

        @CommandHandler
        int handle(Take command) {
            if (taken + command.seats() > capacity) {
                throw new IllegalStateException("only " + (capacity - taken) + " left");
            }
            apply(new Taken(courseId, command.seats()));
            return taken;
        }

        @CommandHandler
        void handle(TakeThenFail command) {
            apply(new Taken(courseId, command.seats()));
            throw new IllegalStateException("failed after taking");
        }

        @EventSourcingHandler
        void on(Opened event) {
            if (whileRead != null && !AggregateLifecycle.isLive()) {
                whileRead.run();
            }
            courseId = event.courseId();
            capacity = event.capacity();
        }

        @EventSourcingHandler
        void on(Taken event) {
            taken += event.seats();
        }

        Seats() {
            // required by Axon
        }
    }
}
