package community.platform.command.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterType;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import community.platform.command.eventstore.personal.PersonalKeys;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;

/** The platform's event store: {@link MongoEventStorageEngine} under Axon's embedded event store. */
@Configuration
public class EventStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventStoreConfiguration.class);

    @Bean
    public MongoEventStorageEngine eventStorageEngine(MongoClient mongoClient, MongoDatabase platformDatabase,
                                                 org.axonframework.config.Configuration axon,
                                                 @Value("${platform.event-store.gap-timeout:60s}") Duration gapTimeout,
                                                 @Value("${platform.event-store.batch-size:64}") int batchSize,
                                                 ObjectProvider<SecretKey> serverSecret, PersonalKeys personalKeys) {
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                                                                         .database(platformDatabase)
                                                                         .eventSerializer(EventSerialization.serializer(personalKeys))
                                                                         .snapshotSerializer(EventSerialization.snapshotSerializer(personalKeys))
                                                                         .upcasterChain(axon.upcasterChain())
                                                                         .gapTimeout(gapTimeout)
                                                                         .batchSize(batchSize)
                                                                         .majorityReads(isReplicaSet(mongoClient, platformDatabase));
        SecretKey key = serverSecret.getIfAvailable();
        if (key == null) {
            log.info("No server secret: snapshots are trusted only by the instance that took them, and aggregates are"
                     + " loaded from their events after a restart until the next snapshot.");
        } else {
            builder.snapshotKey(key.getEncoded());
        }
        MongoEventStorageEngine engine = builder.build();
        engine.ensureIndexes();
        // before anything is written: a store from before personal fields were encrypted is encrypted in place once
        new PersonalDataMigration(engine, platformDatabase, personalKeys,
                                  new HashChains(engine, platformDatabase, gapTimeout, Clock.systemUTC()),
                                  Clock.systemUTC()).run();
        return engine;
    }

    /**
     * Axon's event serializer, for what keeps events outside the log (the projections' dead letters): the log's own
     * mapping, so that personal fields stay encrypted there too and read as erased once their key is gone.
     */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(PersonalKeys personalKeys) {
        return EventSerialization.serializer(personalKeys);
    }

    /** What the driver learnt of the store when it connected: a replica set, or a single server (the embedded one). */
    static boolean isReplicaSet(MongoClient client, MongoDatabase database) {
        database.runCommand(new Document("ping", 1));
        return client.getClusterDescription().getType() == ClusterType.REPLICA_SET;
    }

    /**
     * {@code platform_event_store_positions_given_up_total}: global positions a reader stopped waiting for (each logged
     * too); {@code platform_event_store_snapshots_rejected_total}: snapshots not used because they did not match.
     */
    @Bean
    public MeterBinder eventStoreMetrics(MongoEventStorageEngine engine) {
        return registry -> {
            FunctionCounter.builder("platform.event.store.positions.given.up", engine,
                                    MongoEventStorageEngine::givenUpPositions)
                           .description("Global positions a tracking reader gave up on and marked void")
                           .register(registry);
            FunctionCounter.builder("platform.event.store.snapshots.rejected", engine,
                                    MongoEventStorageEngine::rejectedSnapshots)
                           .description("Snapshots not used because they did not match their commit or MAC")
                           .register(registry);
        };
    }

    /**
     * {@code platform.aggregates.kept-per-type} aggregates of each type stay in memory between commands, each for at
     * most {@code platform.aggregates.kept-for} after it was read ({@link TypedRepositories}); 0 keeps none. An erasure
     * on this instance forgets them all at once; on another instance its aggregates are read again within that time.
     */
    @Bean
    public TypedRepositories typedRepositories(EventStore eventStore, MongoEventStorageEngine engine,
                                               ParameterResolverFactory parameterResolvers,
                                               HandlerDefinition handlerDefinition, PersonalKeys personalKeys,
                                               @Value("${platform.aggregates.kept-per-type:2000}") int keptPerType,
                                               @Value("${platform.aggregates.kept-for:30s}") Duration keptFor) {
        TypedRepositories repositories = new TypedRepositories(eventStore, engine, parameterResolvers,
                                                               handlerDefinition, keptPerType, keptFor);
        personalKeys.onErase(repositories::forgetKept);
        return repositories;
    }

    @Bean
    public Snapshotter snapshotter(TypedRepositories repositories) {
        return repositories.snapshotter();
    }

    @Bean
    public HashChains hashChains(MongoEventStorageEngine engine, MongoDatabase platformDatabase,
                                 @Value("${platform.event-store.gap-timeout:60s}") Duration gapTimeout) {
        return new HashChains(engine, platformDatabase, gapTimeout, Clock.systemUTC());
    }
}
