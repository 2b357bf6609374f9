package community.platform.command.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Repositories and a snapshotter that load an aggregate from its own type's stream only ({@link StreamId}). Axon's own
 * load by id alone would read whatever stream has that id, so a user who picked the id of another type's stream (the
 * username {@code schedule-alice}) could make that aggregate unloadable. Each aggregate declares its repository bean
 * with {@link #of}; Axon uses a bean named {@code <aggregate>Repository} for that aggregate.
 * <p>
 * Each repository keeps up to {@code keptPerType} aggregates in memory between commands, each for at most
 * {@code keptFor} after it was read from the store (then dropped from memory). A kept aggregate is used only when the
 * store holds no commit of its stream after it, which one read by commit id tells; else it is read again. So a command
 * never commits on a copy older than the store, whichever instance wrote last (a copy that raced another instance's
 * commit is refused at its append, as without keeping), and a hot aggregate (a course in an enrollment rush) is not
 * read again, snapshot and events, decrypted, for every command. A command that fails forgets its aggregate, as Axon's
 * own caching repository does. {@link #forgetKept} forgets them all: when a data subject's key is erased, no
 * aggregate keeps their data in plain text.
 */
public class TypedRepositories {

    private final EventStore eventStore;
    private final MongoEventStorageEngine engine;
    private final ParameterResolverFactory parameterResolvers;
    private final HandlerDefinition handlerDefinition;
    private final Map<Class<?>, String> types = new ConcurrentHashMap<>();
    private final Snapshotter snapshotter;
    private final int keptPerType;
    private final Duration keptFor;
    private final List<Cache<String, ?>> kept = new CopyOnWriteArrayList<>();
    /** How many times {@link #forgetKept} ran: a load that began before it does not keep what it read. */
    private final AtomicLong forgettings = new AtomicLong();

    public TypedRepositories(EventStore eventStore, MongoEventStorageEngine engine,
                             ParameterResolverFactory parameterResolvers, HandlerDefinition handlerDefinition,
                             int keptPerType, Duration keptFor) {
        this.eventStore = eventStore;
        this.engine = engine;
        this.parameterResolvers = parameterResolvers;
        this.handlerDefinition = handlerDefinition;
        this.keptPerType = keptPerType;
        this.keptFor = keptFor;
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
        Cache<String, EventSourcedAggregate<T>> cache = null;
        if (keptPerType > 0 && keptFor.compareTo(Duration.ZERO) > 0) {
            // the scheduler drops expired copies from memory, not only at the cache's next use
            cache = Caffeine.newBuilder().maximumSize(keptPerType).expireAfterWrite(keptFor)
                            .scheduler(Scheduler.systemScheduler()).build();
            kept.add(cache);
        }
        TypedRepository<T> repository = new TypedRepository<>(builder, engine, snapshots != null, cache, forgettings);
        types.put(aggregate, repository.type());
        engine.registerAggregateType(repository.type());
        return repository;
    }

    /** Forgets every aggregate kept in memory: the next command on each reads it from the store. */
    public void forgetKept() {
        forgettings.incrementAndGet();
        kept.forEach(Cache::invalidateAll);
    }

    /** The snapshotter for the aggregates whose repositories come from here. */
    public org.axonframework.eventsourcing.Snapshotter snapshotter() {
        return snapshotter;
    }

    static final class TypedRepository<T> extends EventSourcingRepository<T> {

        private final MongoEventStorageEngine engine;
        /** Whether this type takes snapshots: a type that takes none is read without looking for one. */
        private final boolean snapshotted;
        /** Aggregates read from the store, by id; null when none are kept. */
        private final Cache<String, EventSourcedAggregate<T>> kept;
        private final AtomicLong forgettings;

        private TypedRepository(Builder<T> builder, MongoEventStorageEngine engine, boolean snapshotted,
                                Cache<String, EventSourcedAggregate<T>> kept, AtomicLong forgettings) {
            super(builder);
            this.engine = engine;
            this.snapshotted = snapshotted;
            this.kept = kept;
            this.forgettings = forgettings;
        }

        /** Called under the aggregate's lock: no other command of this instance uses a kept aggregate meanwhile. */
        @Override
        protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
            if (kept == null) {
                return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
            }
            CurrentUnitOfWork.get().onRollback(u -> kept.invalidate(aggregateIdentifier));
            EventSourcedAggregate<T> aggregate = kept.getIfPresent(aggregateIdentifier);
            if (aggregate != null && !engine.hasCommitAfter(type(), aggregateIdentifier, aggregate.version())) {
                if (aggregate.isDeleted()) {
                    throw new AggregateDeletedException(aggregateIdentifier);
                }
                return aggregate;
            }
            long forgotten = forgettings.get();
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
            kept.put(aggregateIdentifier, aggregate);
            if (forgettings.get() != forgotten) {
                // an erasure while it was read: what it decrypted may be erased data
                kept.invalidate(aggregateIdentifier);
            }
            return aggregate;
        }

        String type() {
            return aggregateModel().type();
        }

        @Override
        protected DomainEventStream readEvents(String aggregateIdentifier) {
            return engine.readEvents(type(), aggregateIdentifier, snapshotted);
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
