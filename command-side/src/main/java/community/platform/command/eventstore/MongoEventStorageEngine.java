package community.platform.command.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Axon event storage on MongoDB (or the embedded wire-protocol server) that loses nothing and stays fast as history
 * grows. This class is Axon's face of it; each concern is a class of its own:
 * <ul>
 *     <li>{@link CommitWriter}: one document per commit, optimistic concurrency on the commit id, hash links;</li>
 *     <li>{@link TrackingReader}: the global log in position order, waiting for late commits up to a gap timeout;</li>
 *     <li>{@link Streams}: one aggregate's stream, named by its type and id ({@link StreamId});</li>
 *     <li>{@link Snapshots}: snapshots tied to their commit's hash and a keyed MAC;</li>
 *     <li>{@link CommitLog}: the global positions and void markers the others share;</li>
 *     <li>{@link HashChains}: checking the chains (a query handler of its own, not part of the engine).</li>
 * </ul>
 * Aggregates are loaded through {@link #readEvents(String, String)}, which knows the type ({@link TypedRepositories}).
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    final CommitLog commitLog;
    final Streams streams;
    final CommitWriter writer;
    final TrackingReader tracking;
    final Snapshots snapshots;

    private MongoEventStorageEngine(Builder builder) {
        super(builder.checked());
        MongoDatabase database = builder.database;
        this.commitLog = new CommitLog(database, builder.majorityReads, builder.clock);
        this.streams = new Streams(database.getCollection(CommitLog.COMMITS), commitLog, builder.batchSize);
        this.writer = new CommitWriter(database.getCollection(CommitLog.COMMITS), commitLog, streams,
                                       this::handlePersistenceException);
        this.tracking = new TrackingReader(commitLog, builder.batchSize, builder.maxGapOffset, builder.gapTimeout,
                                           builder.clock);
        this.snapshots = new Snapshots(database, streams, builder.snapshotKey, this::handlePersistenceException);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the indexes every query relies on and learns the store's id format. Fails start-up with a clear message
     * when the indexes cannot be made: without them two writers could both win, and reads would scan the whole store.
     */
    public void ensureIndexes() {
        streams.use(commitLog.open());
    }

    /**
     * The first position handed out by a version that marks every position it gives up. Earlier versions gave up
     * positions without a trace, so an empty position below this one is not evidence of anything.
     */
    public long markedFrom() {
        return commitLog.markedFrom();
    }

    /** Lets untyped reads (the audit's history by id) find a stream of this aggregate type. */
    void registerAggregateType(String type) {
        streams.registerType(new StreamId(type, "").type());
    }

    /** Positions a tracking reader gave up on after waiting for them (each a void marker it wrote). */
    public long givenUpPositions() {
        return tracking.givenUpPositions();
    }

    /** Snapshots that did not match their commit or their MAC, so the aggregate was loaded from its events. */
    public long rejectedSnapshots() {
        return snapshots.rejected();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        writer.append(events, serializer);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshots.store(snapshot, serializer);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return streams.resolve(aggregateIdentifier).flatMap(snapshots::trusted).map(s -> CommitLog.entry(s, s))
                      .stream();
    }

    /**
     * Loads an aggregate's events, from its snapshot when it has a trusted one. Only commits of this type count, so a
     * stream of another type under the same id is never read.
     */
    public DomainEventStream readEvents(String aggregateType, String aggregateIdentifier) {
        return readEvents(aggregateType, aggregateIdentifier, true);
    }

    /**
     * Loads an aggregate's events; from its trusted snapshot only if {@code fromSnapshot} (a type that takes none
     * does not look for one).
     */
    public DomainEventStream readEvents(String aggregateType, String aggregateIdentifier, boolean fromSnapshot) {
        StreamId stream = new StreamId(aggregateType, aggregateIdentifier);
        Optional<Document> trusted = fromSnapshot ? snapshots.trusted(stream) : Optional.empty();
        Optional<DomainEventMessage<?>> snapshot =
                trusted.map(s -> EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(CommitLog.entry(s, s)),
                                                                                  getSnapshotSerializer(),
                                                                                  upcasterChain))
                       .flatMap(s -> s.asStream().findFirst());
        long from = snapshot.map(s -> s.getSequenceNumber() + 1).orElse(0L);
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                streams.eventData(stream, from), getEventSerializer(), upcasterChain);
        return snapshot.map(s -> DomainEventStream.concat(DomainEventStream.of(s), events)).orElse(events);
    }

    /** Whether the aggregate's stream holds a commit after its event {@code sequence}: another command's. */
    public boolean hasCommitAfter(String aggregateType, String aggregateIdentifier, long sequence) {
        return streams.hasCommitStartingAt(new StreamId(aggregateType, aggregateIdentifier), sequence + 1);
    }

    /** Reads by id alone, for the audit's history: the stream of the type that was first to use the id. */
    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        return streams.resolve(aggregateIdentifier).map(stream -> streams.eventData(stream, firstSequenceNumber))
                      .orElseGet(Stream::empty);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return streams.resolve(aggregateIdentifier).flatMap(streams::lastSequenceNumber);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return tracking.read(trackingToken);
    }

    /**
     * The number of positions handed out so far: events at positions below it are stored or on their way. A
     * processor's lag is this minus one minus its token's position.
     */
    public long headPosition() {
        return commitLog.headPosition();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return tracking.headToken();
    }

    /** Duplicate keys on the commit id are the optimistic-concurrency conflicts. */
    static boolean isDuplicateKey(Exception e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                || e instanceof ConcurrencyException;
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private int batchSize = 64;
        private int maxGapOffset = 10_000;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private boolean majorityReads;
        private byte[] snapshotKey;

        private Builder() {
            eventSerializer(EventSerialization.serializer());
            snapshotSerializer(EventSerialization.snapshotSerializer());
            persistenceExceptionResolver(MongoEventStorageEngine::isDuplicateKey);
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** How many commit starts (stream reads) or positions (tracking reads) one query asks for. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** How long a tracking reader waits for a position that was handed out but never written. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** How far behind its index a token keeps gaps at the most, which bounds the token's size. */
        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Tracking reads and the integrity check read with read concern majority, so they never see a write that a
         * replica set's failover could still roll back. For replica sets; a single server has no such concern.
         */
        public Builder majorityReads(boolean majorityReads) {
            this.majorityReads = majorityReads;
            return this;
        }

        /**
         * The key of the MAC that snapshots carry (the platform's server secret, kept out of the database, so that
         * someone who can write the database cannot make a snapshot the store trusts); without one, a random key that
         * lasts as long as this engine.
         */
        public Builder snapshotKey(byte[] snapshotKey) {
            this.snapshotKey = snapshotKey.clone();
            return this;
        }

        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(this);
        }

        Builder checked() {
            if (database == null) {
                throw new org.axonframework.common.AxonConfigurationException("The event store needs a MongoDatabase");
            }
            if (batchSize < 1 || maxGapOffset < 1 || gapTimeout.isNegative()) {
                throw new org.axonframework.common.AxonConfigurationException(
                        "batchSize and maxGapOffset must be positive and gapTimeout not negative");
            }
            if (snapshotKey == null) {
                snapshotKey = new byte[32];
                new SecureRandom().nextBytes(snapshotKey);
            }
            return this;
        }
    }
}
