package community.platform.query.processing;

import com.mongodb.client.MongoDatabase;
import community.platform.query.views.KeptViews;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How projections are fed: pooled streaming processors, with their tokens (and segment claims) in MongoDB so that
 * several instances split the segments between them. The claims are owned by {@code platformInstanceId}, this
 * instance among those sharing the store, which the storage start-up names.
 */
@Configuration
public class ProcessingConfiguration {

    /** The Axon Mongo extension's collections: tokens and dead letters. */
    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase platformDatabase) {
        return DefaultMongoTemplate.builder().mongoDatabase(platformDatabase).build();
    }

    /** View documents a live processor keeps between its batches: {@code kept-documents} at most (0 keeps none). */
    @Bean
    public KeptViews keptViews(@Value("${platform.processing.claim-timeout:10s}") Duration claimTimeout,
                               @Value("${platform.processing.kept-documents:500}") int documents) {
        if (documents < 0) {
            throw new InvalidConfigurationPropertyValueException("platform.processing.kept-documents", documents,
                                                                 "It takes a whole number of 0 or more.");
        }
        return new KeptViews(claimTimeout, documents, Duration.ofSeconds(10));
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, @Qualifier("serializer") Serializer serializer,
                                 @Qualifier("platformInstanceId") String instance,
                                 @Value("${platform.processing.claim-timeout:10s}") Duration claimTimeout,
                                 KeptViews kept) {
        return new ClaimTellingTokenStore(MongoTokenStore.builder()
                                                         .mongoTemplate(axonMongoTemplate)
                                                         .serializer(serializer)
                                                         .nodeId(instance)
                                                         .claimTimeout(claimTimeout), kept);
    }

    /**
     * Whether every instance runs this processor for itself ({@link PerInstance}): then its token is in memory, and it
     * writes no views, so it is no projection to balance, list, rebuild or diff.
     */
    public static boolean perInstance(EventProcessingConfiguration processing, String processor) {
        return processing.tokenStore(processor) instanceof InMemoryTokenStore;
    }

    /**
     * Whether the processor writes views that can be listed, rebuilt and compared: not a {@link PerInstance} one, and
     * not a process (a saga), which sends commands and is never replayed.
     */
    public static boolean projection(EventProcessingConfiguration processing, String processor) {
        return !perInstance(processing, processor)
                && processing.eventProcessor(processor)
                             .filter(p -> p instanceof StreamingEventProcessor streaming && streaming.supportsReset())
                             .isPresent();
    }

    /** The position of the last event in the log; -1 when it is empty. */
    static long headPosition(EventStorageEngine storage) {
        TrackingToken head = storage.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** The classes of the handler beans of one processing group, by name. */
    static List<Class<?>> handlerTypes(ApplicationContext context, String group) {
        return context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                      .<Class<?>>map(Object::getClass)
                      .filter(type -> {
                          ProcessingGroup named = AnnotationUtils.findAnnotation(type, ProcessingGroup.class);
                          return named != null && group.equals(named.value());
                      })
                      .sorted(Comparator.comparing(Class::getName))
                      .toList();
    }

    private static final String ONE_OR_MORE = "It takes a whole number of 1 or more.";

    /**
     * The segments a processor is made with when it first runs: {@code platform.processing.segments.<processor>}, else
     * {@code platform.processing.initial-segment-count} (4 unless the platform sets it: it sets 1 on its embedded
     * store, where one instance holds every segment).
     */
    static int initialSegmentCount(Environment environment, String processor) {
        Integer own = count(environment, "platform.processing.segments." + processor);
        return own != null ? own
                : Objects.requireNonNullElse(count(environment, "platform.processing.initial-segment-count"), 4);
    }

    /**
     * A count an operator may set, read as Spring reads any number (blank is not set): null if not set, else 1 or more,
     * which Axon would refuse otherwise without naming the setting.
     */
    private static Integer count(Environment environment, String setting) {
        try {
            Integer value = environment.getProperty(setting, Integer.class);
            return value == null ? null : atLeastOne(setting, value);
        } catch (ConversionFailedException e) {
            throw new InvalidConfigurationPropertyValueException(setting, environment.getProperty(setting), ONE_OR_MORE);
        }
    }

    private static int atLeastOne(String setting, int value) {
        if (value < 1) {
            throw new InvalidConfigurationPropertyValueException(setting, value, ONE_OR_MORE);
        }
        return value;
    }

    private static void atLeast(String setting, Duration value, Duration least) {
        if (value.compareTo(least) < 0) {
            throw new InvalidConfigurationPropertyValueException(
                    setting, value, "It takes a duration of %d ms or more.".formatted(least.toMillis()));
        }
    }

    /**
     * Every processor is a pooled streaming one. {@code initialSegmentCount} applies when a processor first starts
     * ({@code platform.processing.segments.<processor>} sets it for one processor); raising it later is a split of the
     * existing segments (Axon's {@code splitSegment}), not a setting change.
     * Every {@code token-claim-interval} a processor looks for segments nobody holds (given back by another instance,
     * or whose owner's claim has timed out) and claims them. It renews its claims three times per claim timeout
     * (Axon's default, every 5 s, would let an idle segment's claim lapse under a shorter timeout, and another
     * instance take the segment while this one still counts it as its own). A segment takes up to {@code batchSize}
     * waiting events in one unit of work, whose view writes go out together
     * ({@link community.platform.query.views.ViewBatch}): one event at a time when the platform keeps up, larger batches
     * in a burst or a replay. A processor with one segment keeps the documents of its views for its next batch while
     * nobody else can write them ({@link KeptViews}).
     * They read the event store through {@link EventAvailability}, which wakes them when events arrive. An event a
     * projection fails on is set aside with the later events of its record ({@link DeadLetters},
     * {@link SetAsidePolicy}), written once the batch's views are, so a batch whose writes failed comes again without
     * its letters ({@link SetAsideWithTheBatch}). A
     * {@link PerInstance} group gets one segment and a token in memory instead, from the head of the log, and no
     * dead letters.
     */
    @Bean
    public ConfigurerModule pooledStreamingProcessors(
            MongoTemplate axonMongoTemplate, ListableBeanFactory beans, Environment environment, KeptViews kept,
            @Value("${platform.processing.initial-segment-count:4}") int initialSegmentCount,
            @Value("${platform.processing.batch-size:200}") int batchSize,
            @Value("${platform.processing.token-claim-interval:2s}") Duration claimInterval,
            @Value("${platform.processing.claim-timeout:10s}") Duration claimTimeout) {
        atLeastOne("platform.processing.initial-segment-count", initialSegmentCount);
        atLeastOne("platform.processing.batch-size", batchSize);
        atLeast("platform.processing.token-claim-interval", claimInterval, Duration.ofMillis(1));
        // its claims are renewed every third of it, in whole milliseconds
        atLeast("platform.processing.claim-timeout", claimTimeout, Duration.ofMillis(3));
        return configurer -> {
            configurer.registerComponent(EventAvailability.class, config -> new EventAvailability(config.eventStore()));
            Set<String> perInstance = Arrays.stream(beans.getBeanNamesForAnnotation(PerInstance.class))
                                            .map(bean -> beans.findAnnotationOnBean(bean, ProcessingGroup.class).value())
                                            .collect(Collectors.toSet());
            configurer.eventProcessing()
                      .usingPooledStreamingEventProcessors(
                              (config, builder) -> builder.initialSegmentCount(initialSegmentCount)
                                                          .batchSize(batchSize)
                                                          .tokenClaimInterval(claimInterval.toMillis())
                                                          .claimExtensionThreshold(claimTimeout.toMillis() / 3)
                                                          .messageSource(config.getComponent(EventAvailability.class)))
                      // outside the views' interceptor: a batch's letters are written once its views are
                      .registerDefaultHandlerInterceptor((config, name) -> SetAsideWithTheBatch.writing())
                      .registerDefaultHandlerInterceptor((config, name) -> kept.flushing(
                              name, () -> DeadLetters.count(config.eventProcessingConfiguration(), name)))
                      .registerDeadLetterQueueProvider(group -> perInstance.contains(group) ? null
                              : config -> new SetAsideWithTheBatch(MongoSequencedDeadLetterQueue
                              .builder()
                              .processingGroup(group)
                              .mongoTemplate(axonMongoTemplate)
                              .transactionManager(config.getComponent(TransactionManager.class,
                                                                      NoTransactionManager::instance))
                              // the events' own serializer: personal fields stay encrypted, as in the log
                              .serializer(config.eventSerializer())
                              .build()));
            Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                  .map(bean -> beans.findAnnotationOnBean(bean, ProcessingGroup.class).value())
                  .distinct()
                  .forEach(group -> {
                      if (perInstance.contains(group)) {
                          configurer.eventProcessing()
                                    .registerTokenStore(group, config -> new InMemoryTokenStore())
                                    .registerPooledStreamingEventProcessorConfiguration(
                                            group, (config, builder) -> builder
                                                    .initialSegmentCount(1)
                                                    .initialToken(StreamableMessageSource::createHeadToken));
                          return;
                      }
                      // Without the cache every event costs a dead-letter query; with it only those of records set
                      // aside do.
                      configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(
                              group, (config, invoker) -> invoker.enableSequenceIdentifierCache()
                                                                 .enqueuePolicy(new SetAsidePolicy(kept, group)));
                      Integer segments = count(environment, "platform.processing.segments." + group);
                      if (segments != null) {
                          configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                                  group, (config, builder) -> builder.initialSegmentCount(segments));
                      }
                  });
        };
    }
}
