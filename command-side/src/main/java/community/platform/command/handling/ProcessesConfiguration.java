package community.platform.command.handling;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import community.platform.command.eventstore.EventSerialization;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.spring.stereotype.Saga;
import org.bson.Document;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Where the processes that span records keep their state: the sagas' documents are in MongoDB (collection
 * {@code sagas}), so a process interrupted between two steps goes on after a restart. A saga's event is handled again
 * until every step it takes has succeeded: a failing handler fails its batch, which the processor retries from its last
 * token, never skipped and never set aside. So every step a saga takes must be safe to take twice.
 */
@Configuration
public class ProcessesConfiguration {

    /** How many associations a process keeps what it found for, at most; the least used are looked up again. */
    private static final long KEPT_ASSOCIATIONS = 50_000;

    /**
     * At most this many events in one batch of a processor that sends commands, whatever
     * {@code platform.processing.batch-size} says. Each command waits for its commit, so a batch takes as long as its
     * steps together, and Axon warns of a batch running 10 s and interrupts it at 60 s; fewer events would store the
     * processor's position and its sagas more often (docs/benchmarks.md, "Then that processor's batches").
     */
    static final int EVENTS_PER_BATCH = 64;

    /**
     * The Mongo extension's saga store creates no index: a saga is found by its id (unique) and by its type and
     * association (an exact match of one element of its {@code associations}), else by a scan of every saga.
     * <p>
     * Axon looks the sagas of an event's association up once for each segment of the saga's processor. With
     * {@code platform.processes.keep-associations} (set on an embedded store that no other instance can reach) what a
     * lookup found is kept in memory and kept up to date as this instance stores sagas, so each is read once. Never
     * where instances share the store: a saga another instance made would be missing from what this one kept. The
     * sagas themselves are always read from the store: a step that fails leaves its saga changed in memory, and the
     * retry must start from the saga as it was stored.
     */
    @Bean
    public SagaStore<Object> sagaStore(MongoDatabase platformDatabase,
                                       @Value("${platform.processes.keep-associations:false}") boolean keep) {
        MongoCollection<Document> sagas = platformDatabase.getCollection("sagas");
        sagas.createIndex(Indexes.ascending("sagaIdentifier"), new IndexOptions().unique(true));
        sagas.createIndex(Indexes.ascending("sagaType", "associations"));
        MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(platformDatabase).build();
        SagaStore<Object> store = MongoSagaStore.builder().mongoTemplate(template)
                                                .serializer(EventSerialization.snapshotSerializer()).build();
        return keep ? new KeptAssociations(store, KEPT_ASSOCIATIONS) : store;
    }

    /** The sagas' steps: each commits on its own, on a thread of this pool, before the saga takes the next. */
    @Bean
    public OwnCommits ownCommits(CommandGateway commandGateway) {
        return new OwnCommits(commandGateway, Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "process-step");
            thread.setDaemon(true);
            return thread;
        }));
    }

    @Bean
    public ConfigurerModule sagasRetryTheirSteps(ListableBeanFactory beans) {
        return configurer -> Arrays.stream(beans.getBeanNamesForAnnotation(Saga.class))
                                   .map(beans::getType)
                                   .forEach(saga -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                                           processingGroup(saga), config -> PropagatingErrorHandler.instance()));
    }

    /**
     * A saga's processes side by side: {@code segments} segments on a store where its processor has not run yet (a
     * store where it ran keeps the segments it had), read from the start of the log, and a thread per segment, never
     * fewer than Axon's own 4: a step waits on its processor's thread for its command's commit, so segments without a
     * thread would wait for the others' steps. Batches of at most {@link #EVENTS_PER_BATCH} events.
     */
    public static ConfigurerModule sideBySide(Class<?> saga, String setting, int segments) {
        atLeastOne(setting, segments);
        String name = processingGroup(saga);
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                name, (config, builder) -> {
                    ScheduledExecutorService workers = Executors.newScheduledThreadPool(
                            Math.max(segments, 4), new AxonThreadFactory("WorkPackage[" + name + "]"));
                    config.onShutdown(workers::shutdown);
                    return builder.initialSegmentCount(segments)
                                  .batchSize(EVENTS_PER_BATCH)
                                  .workerExecutor(workers)
                                  .initialToken(StreamableMessageSource::createTailToken);
                });
    }

    /**
     * A saga's processes in {@code segments} segments on a store where its processor has not run yet, whatever the
     * platform's count for views (one on the embedded store): a step waits on its processor's thread for its command's
     * commit, so with one segment the processes would take their steps one at a time. Batches of at most
     * {@link #EVENTS_PER_BATCH} events.
     */
    public static ConfigurerModule segments(Class<?> saga, String setting, int segments) {
        atLeastOne(setting, segments);
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                processingGroup(saga), (config, builder) -> builder.initialSegmentCount(segments)
                                                                   .batchSize(EVENTS_PER_BATCH));
    }

    /**
     * A processor whose handlers send commands ({@link OwnCommits}), which is not a saga: batches of at most
     * {@link #EVENTS_PER_BATCH} events, as a saga's. Axon keeps one customization per processor, the last registered,
     * so this one comes after the platform's own (which sets {@code platform.processing.segments.<processor>} for any
     * processor) and applies that setting too.
     */
    public static ConfigurerModule sendingCommands(String processingGroup, Environment environment) {
        Supplier<Integer> setting = () -> environment.getProperty("platform.processing.segments." + processingGroup,
                                                                  Integer.class);
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                Integer segments = setting.get(); // read once the platform's own module has checked it
                configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                        processingGroup, (config, builder) -> {
                            builder.batchSize(EVENTS_PER_BATCH);
                            return segments == null ? builder : builder.initialSegmentCount(segments);
                        });
            }

            @Override
            public int order() {
                return 1;
            }
        };
    }

    /** A segment count from {@code setting}, which Axon would refuse below 1 without naming the setting. */
    private static void atLeastOne(String setting, int segments) {
        if (segments < 1) {
            throw new InvalidConfigurationPropertyValueException(setting, segments,
                                                                 "It takes a whole number of 1 or more.");
        }
    }

    /** Axon's name for a saga's processing group: its {@code @ProcessingGroup}, or the saga's name and "Processor". */
    public static String processingGroup(Class<?> saga) {
        return Optional.ofNullable(saga.getAnnotation(ProcessingGroup.class)).map(ProcessingGroup::value)
                       .orElse(saga.getSimpleName() + "Processor");
    }
}
