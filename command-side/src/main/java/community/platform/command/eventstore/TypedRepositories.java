package community.platform.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repositories and a snapshotter that load an aggregate from its own type's stream only ({@link StreamId}). Axon's own
 * load by id alone would read whatever stream has that id, so a user who picked the id of another type's stream (the
 * username {@code schedule-alice}) could make that aggregate unloadable. Each aggregate declares its repository bean
 * with {@link #of}; Axon uses a bean named {@code <aggregate>Repository} for that aggregate.
 */
public class TypedRepositories {

    private final EventStore eventStore;
    private final MongoEventStorageEngine engine;
    private final ParameterResolverFactory parameterResolvers;
    private final HandlerDefinition handlerDefinition;
    private final Map<Class<?>, String> types = new ConcurrentHashMap<>();
    private final Snapshotter snapshotter;

    public TypedRepositories(EventStore eventStore, MongoEventStorageEngine engine,
                             ParameterResolverFactory parameterResolvers, HandlerDefinition handlerDefinition) {
        this.eventStore = eventStore;
        this.engine = engine;
        this.parameterResolvers = parameterResolvers;
        this.handlerDefinition = handlerDefinition;
        this.snapshotter = new Snapshotter(AggregateSnapshotter.builder()
                                                               .eventStore(eventStore)
                                                               .parameterResolverFactory(parameterResolvers)
                                                               .handlerDefinition(handlerDefinition));
    }

    public <T> Repository<T> of(Class<T> aggregate) {
        return of(aggregate, null);
    }

    public <T> Repository<T> of(Class<T> aggregate, SnapshotTriggerDefinition snapshots) {
        // one model, inspected with Spring's parameter resolvers, so a handler may ask for a bean (a named policy)
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregate, parameterResolvers,
                                                                                      handlerDefinition);
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(aggregate)
                                                                            .eventStore(eventStore)
                                                                            .aggregateModel(model)
                                                                            .aggregateFactory(
                                                                                    new GenericAggregateFactory<>(model))
                                                                            .parameterResolverFactory(parameterResolvers)
                                                                            .handlerDefinition(handlerDefinition);
        if (snapshots != null) {
            builder.snapshotTriggerDefinition(snapshots);
            snapshotter.register(new GenericAggregateFactory<>(model));
        }
        TypedRepository<T> repository = new TypedRepository<>(builder, engine);
        types.put(aggregate, repository.type());
        engine.registerAggregateType(repository.type());
        return repository;
    }

    /** The snapshotter for the aggregates whose repositories come from here. */
    public org.axonframework.eventsourcing.Snapshotter snapshotter() {
        return snapshotter;
    }

    static final class TypedRepository<T> extends EventSourcingRepository<T> {

        private final MongoEventStorageEngine engine;

        private TypedRepository(Builder<T> builder, MongoEventStorageEngine engine) {
            super(builder);
            this.engine = engine;
        }

        String type() {
            return aggregateModel().type();
        }

        @Override
        protected DomainEventStream readEvents(String aggregateIdentifier) {
            return engine.readEvents(type(), aggregateIdentifier);
        }
    }

    /** Axon's snapshotter, reading the stream of the aggregate's own type. */
    private final class Snapshotter extends AggregateSnapshotter {

        private Snapshotter(AggregateSnapshotter.Builder builder) {
            super(builder);
        }

        void register(GenericAggregateFactory<?> factory) {
            registerAggregateFactory(factory);
        }

        @Override
        protected Runnable createSnapshotterTask(Class<?> aggregateType, String identifier) {
            return () -> {
                DomainEventMessage<?> snapshot = createSnapshot(aggregateType, identifier,
                                                                engine.readEvents(types.get(aggregateType), identifier));
                if (snapshot != null) {
                    getEventStore().storeSnapshot(snapshot);
                }
            };
        }
    }
}
