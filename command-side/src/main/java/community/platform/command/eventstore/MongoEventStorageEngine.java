package community.platform.command.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Axon event storage on MongoDB (or the embedded wire-protocol server) that loses nothing and stays fast as history
 * grows.
 * <p>
 * One document per commit in {@value #COMMITS}: all events one unit of work applied to one aggregate, so a commit is
 * stored whole or not at all without multi-document transactions. Its {@code _id} names the stream by aggregate type
 * and id and the commit's first sequence ({@link StreamId}), so two commits racing on one aggregate collide on it
 * (optimistic concurrency) and no id chosen by a user can name another type's stream. Aggregates are loaded through
 * {@link #readEvents(String, String)}, which knows the type ({@link TypedRepository}).
 * <p>
 * A counter document hands each commit a range of global positions, one per event, before the insert; tracking
 * readers use Axon's {@link GapAwareTrackingToken}, so a commit that lands after later positions were read is still
 * delivered. The unique index on {@code lastPosition} makes the global order safe without clocks: a reader that has
 * waited {@code gapTimeout} for a position writes a void marker there before it gives up, and a writer whose insert
 * then collides on its position takes new positions and inserts again. So a position is given up only when no commit
 * can land there any more, and no acknowledged commit is ever skipped. A commit that fails after taking its positions
 * voids them itself, so readers need not wait.
 * <p>
 * Query shapes. The embedded server serves only equality or {@code $in} on exactly the fields of a unique index (and no
 * {@code $in} on a compound one); anything else reads the whole collection. Every query here is one of:
 * <ul>
 *     <li>stream read: {@code _id $in ["T:a#s", "T:a#s+1", .. "T:a#s+batch-1"]} (the _id index);</li>
 *     <li>the commit holding a sequence, for a stream read that starts inside a commit and for the previous hash when
 *     it is not cached: the same {@code _id $in}, over the window before it;</li>
 *     <li>tracking read: {@code lastPosition $in [gaps, index+1..index+batch]} (unique index);</li>
 *     <li>counter, snapshot, one commit: equality on {@code _id}.</li>
 * </ul>
 * MongoDB serves the same shapes from the same indexes.
 * <p>
 * Each commit stores {@code previousHash}, the hash of the stream's previous commit, and {@code hash} ({@link
 * CommitHash}), so a changed payload or a removed commit breaks the chain ({@link #verifyStream(String)}). A snapshot
 * carries the hash of the commit it was taken at and a keyed MAC over itself; one that does not match is not used.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    static final String COMMITS = "eventCommits";
    static final String SNAPSHOTS = "snapshots";
    static final String COUNTERS = "eventCounters";
    private static final String POSITION_COUNTER = "position";
    private static final String FORMAT = "format";
    private static final String GAP_MARKER = "gap:";
    private static final int MAX_REPOSITIONS = 5;
    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> settledCommits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final int batchSize;
    private final int maxGapOffset;
    private final Duration gapTimeout;
    private final Clock clock;
    private final byte[] snapshotKey;
    private final Map<Long, Instant> gapFirstSeen = new ConcurrentHashMap<>();
    private final Map<String, StreamHead> streamHeads = lruMap(10_000);
    private final Map<String, Document> verifiedSnapshots = lruMap(1_000);
    private final Set<String> aggregateTypes = ConcurrentHashMap.newKeySet();
    private final AtomicLong givenUpPositions = new AtomicLong();
    private final AtomicLong rejectedSnapshots = new AtomicLong();
    private volatile boolean legacyIds;
    private volatile long markedFrom;

    /** Package-private so that tests can make {@link #write} fail as a store or network would. */
    MongoEventStorageEngine(Builder builder) {
        super(builder.checked());
        this.commits = builder.database.getCollection(COMMITS);
        this.settledCommits = builder.majorityReads ? commits.withReadConcern(ReadConcern.MAJORITY) : commits;
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.counters = builder.database.getCollection(COUNTERS);
        this.batchSize = builder.batchSize;
        this.maxGapOffset = builder.maxGapOffset;
        this.gapTimeout = builder.gapTimeout;
        this.clock = builder.clock;
        this.snapshotKey = builder.snapshotKey.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the indexes every query relies on and learns the store's id format. Fails start-up with a clear message
     * when the indexes cannot be made: without them two writers could both win, and reads would scan the whole store.
     */
    public void ensureIndexes() {
        try {
            commits.createIndex(Indexes.ascending("lastPosition"),
                                new IndexOptions().unique(true).name("commit_position"));
        } catch (MongoException e) {
            throw new IllegalStateException("Could not create the event store's indexes on collection '" + COMMITS
                                                    + "'. The store cannot guarantee one writer per aggregate sequence"
                                                    + " without them. Cause: " + e.getMessage(), e);
        }
        boolean written = commits.find().limit(1).first() != null;
        Document format = counters.findOneAndUpdate(
                eq("_id", FORMAT),
                Updates.combine(Updates.setOnInsert("legacyIds", written),
                                Updates.setOnInsert("markedFrom", written ? headPosition() : 0L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        legacyIds = format == null ? written : format.getBoolean("legacyIds", written);
        if (format != null && format.get("aggregateTypes") != null) {
            aggregateTypes.addAll(format.getList("aggregateTypes", String.class));
        }
        markedFrom = format == null || format.get("markedFrom") == null ? 0 : format.getLong("markedFrom");
        if (legacyIds) {
            log.info("This event store was written before stream names carried their aggregate type; streams are read"
                     + " in both forms, and new commits are written in the typed form.");
        }
    }

    /**
     * The first position handed out by a version that marks every position it gives up. Earlier versions gave up
     * positions without a trace, so an empty position below this one is not evidence of anything.
     */
    public long markedFrom() {
        return markedFrom;
    }

    /** Lets untyped reads (the audit's history by id) find a stream of this aggregate type. */
    void registerAggregateType(String type) {
        if (aggregateTypes.add(new StreamId(type, "").type())) {
            rememberAggregateType(type);
        }
    }

    /** Kept in the store, so that after a restart an id alone still finds streams of types not loaded yet. */
    private void rememberAggregateType(String type) {
        counters.updateOne(eq("_id", FORMAT), Updates.addToSet("aggregateTypes", type),
                           new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    /** Positions a tracking reader gave up on after waiting for them (each a void marker it wrote). */
    public long givenUpPositions() {
        return givenUpPositions.get();
    }

    /** Snapshots that did not match their commit or their MAC, so the aggregate was loaded from its events. */
    public long rejectedSnapshots() {
        return rejectedSnapshots.get();
    }

    // ---- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!events.isEmpty()) {
            insert(prepare(events, serializer), events.get(0));
        }
    }

    /** Creating a stream in a store written before typed names: the old form of its name may be taken already. */
    private boolean existsInOldForm(StreamId stream) {
        return stream.type() != null && stream.owns(Optional.ofNullable(commits.find(eq("_id", stream.id() + "#0"))
                                                                               .first()).orElse(new Document()));
    }

    /**
     * Builds the commit document and takes its positions; nothing is visible until {@link #insert}. Kept apart so
     * tests can hold a commit between the two steps, as a slow writer would.
     */
    Document prepare(List<? extends EventMessage<?>> events, Serializer serializer) {
        Commit commit = Commit.of(events);
        StreamId stream = new StreamId(commit.aggregateType(), commit.stream());
        if (stream.type() != null && aggregateTypes.add(stream.type())) {
            rememberAggregateType(stream.type());
        }
        List<Document> eventDocuments = new ArrayList<>(events.size());
        try {
            for (int i = 0; i < events.size(); i++) {
                eventDocuments.add(eventDocument(events.get(i), commit.firstSequence() + i, serializer));
            }
        } catch (RuntimeException e) {
            throw new EventStoreException("Could not serialize the events of " + commit.describe()
                                                  + "; nothing was stored", e);
        }
        if (commit.firstSequence() == 0 && legacyIds && existsInOldForm(stream)) {
            handlePersistenceException(new ConcurrencyException(
                    "The stream " + stream + " exists already, written before typed names"), events.get(0));
        }
        Document body = new Document("_id", stream.commitId(commit.firstSequence()))
                .append("aggregateIdentifier", commit.stream())
                .append("aggregateType", commit.aggregateType())
                .append("firstSequence", commit.firstSequence())
                .append("lastSequence", commit.lastSequence())
                .append("events", eventDocuments)
                .append("previousHash", previousHash(stream, commit));
        return positioned(body, reservePositions(events.size()));
    }

    /** The commit at the positions from {@code firstPosition} on, hashed. */
    private static Document positioned(Document body, long firstPosition) {
        Document commit = new Document(body);
        commit.remove("hash");
        commit.put("firstPosition", firstPosition);
        commit.put("lastPosition", firstPosition + eventsOf(body).size() - 1);
        commit.put("hashVersion", CommitHash.VERSION);
        commit.put("hash", CommitHash.of(commit));
        return commit;
    }

    /**
     * Inserts a prepared commit and settles what happened when the answer was an error: the insert may have landed all
     * the same (a timeout, a dropped connection), a reader may have given up its positions, or another writer may have
     * won the stream's sequence. Only the last is a failure for the command.
     */
    void insert(Document commit, EventMessage<?> firstEvent) {
        Document current = commit;
        for (int attempt = 0; ; attempt++) {
            try {
                write(current);
                break;
            } catch (RuntimeException e) {
                Outcome outcome = settle(current, e);
                if (outcome == Outcome.LANDED) {
                    log.info("The insert of commit {} answered with an error ({}), but the commit is stored",
                             current.get("_id"), e.getMessage());
                    break;
                }
                if (outcome == Outcome.POSITIONS_GIVEN_UP && attempt < MAX_REPOSITIONS) {
                    current = positioned(current, reservePositions(eventsOf(current).size()));
                    continue;
                }
                if (outcome == Outcome.STREAM_TAKEN) {
                    handlePersistenceException(new ConcurrencyException(
                            "Another commit was stored for " + current.get("_id") + " first", e), firstEvent);
                }
                handlePersistenceException(e, firstEvent);
            }
        }
        streamHeads.put(StreamId.of(current).key(), new StreamHead(current.getLong("lastSequence"),
                                                                   current.getString("hash")));
    }

    /** The one write of a commit; a seam for tests that make the write fail after it landed. */
    void write(Document commit) {
        commits.insertOne(commit);
    }

    private enum Outcome { LANDED, STREAM_TAKEN, POSITIONS_GIVEN_UP, FAILED }

    /**
     * After an insert answered with an error: voids the commit's positions, unless the commit or a reader's void marker
     * holds its last position already. The unique index on {@code lastPosition} makes the answer final: once the void
     * marker is in, the commit can never land. A store that does not answer is asked again a few times; if it still
     * does not, the outcome is unknown and said so.
     */
    private Outcome settle(Document commit, RuntimeException error) {
        for (int attempt = 1; ; attempt++) {
            try {
                return settleOnce(commit, error);
            } catch (MongoException unanswered) {
                if (attempt == 3) {
                    throw new EventStoreException("The store did not say whether commit " + commit.get("_id")
                                                  + " was stored (" + error.getMessage() + "); it may have been",
                                                  unanswered);
                }
                try {
                    Thread.sleep(250L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new EventStoreException("Interrupted while settling commit " + commit.get("_id"), error);
                }
            }
        }
    }

    private Outcome settleOnce(Document commit, RuntimeException error) {
        Document stored = commits.find(eq("_id", commit.get("_id"))).first();
        if (stored != null) {
            if (sameCommit(stored, commit)) {
                return Outcome.LANDED;
            }
            voidPositions(commit);
            return Outcome.STREAM_TAKEN;
        }
        if (voidPositions(commit)) {
            return Outcome.FAILED;
        }
        // Its last position is taken: by this commit, landed meanwhile, or by a reader's void marker.
        stored = commits.find(eq("_id", commit.get("_id"))).first();
        return stored == null ? Outcome.POSITIONS_GIVEN_UP
                : sameCommit(stored, commit) ? Outcome.LANDED : Outcome.STREAM_TAKEN;
    }

    /** The same commit, perhaps at other positions: an earlier attempt of this one. */
    private static boolean sameCommit(Document stored, Document commit) {
        return eventsOf(stored).get(0).getString("eventIdentifier")
                               .equals(eventsOf(commit).get(0).getString("eventIdentifier"));
    }

    private static Document eventDocument(EventMessage<?> event, long sequenceNumber, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document("eventIdentifier", event.getIdentifier())
                .append("sequenceNumber", sequenceNumber)
                .append("timestamp", event.getTimestamp().toString())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", JsonValue.toBson(payload.getData()))
                .append("metaData", JsonValue.toBson(metaData.getData()));
    }

    private String previousHash(StreamId stream, Commit commit) {
        if (commit.firstSequence() == 0) {
            return null;
        }
        long previous = commit.firstSequence() - 1;
        StreamHead head = streamHeads.get(stream.key());
        if (head != null && head.lastSequence() == previous) {
            return head.hash();
        }
        Document found = findCommitHolding(stream, previous, new Document("hash", 1))
                .filter(c -> c.getLong("lastSequence") == previous)
                .orElse(null);
        if (found == null) {
            throw new ConcurrencyException("Cannot append " + commit.describe() + ": no commit of the stream ends at "
                                                   + previous + "; it was changed since it was loaded");
        }
        return found.getString("hash");
    }

    /**
     * Takes {@code count} positions from the counter, and notes when. The value before the update is asked for: the
     * embedded server answers "after" with its live document, which a concurrent update may already have changed.
     */
    private long reservePositions(int count) {
        Document before = counters.findOneAndUpdate(eq("_id", POSITION_COUNTER),
                                                    Updates.combine(Updates.inc("next", (long) count),
                                                                    Updates.set("reservedAt", clock.millis())),
                                                    new FindOneAndUpdateOptions().upsert(true)
                                                                                 .returnDocument(ReturnDocument.BEFORE));
        return before == null || before.get("next") == null ? 0 : before.getLong("next");
    }

    /**
     * Marks the positions of a commit that will not be stored there, so tracking readers stop waiting for them.
     *
     * @return whether the marker went in; false when something holds the last position already
     */
    private boolean voidPositions(Document commit) {
        long first = commit.getLong("firstPosition");
        // no '#' in it, so it can never equal a commit id
        return insertMarker(new Document("_id", "void:" + first).append("firstPosition", first)
                                                                .append("lastPosition", commit.getLong("lastPosition"))
                                                                .append("events", List.of()));
    }

    /** Inserts a void marker: false when its position (or its id) is taken, an exception when the store fails. */
    private boolean insertMarker(Document marker) {
        try {
            commits.insertOne(marker);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    // ---- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        StreamId stream = new StreamId(snapshot.getType(), snapshot.getAggregateIdentifier());
        try {
            Optional<Document> at = findCommitHolding(stream, snapshot.getSequenceNumber(), new Document("hash", 1));
            if (at.isEmpty()) {
                log.warn("No commit of {} holds sequence {}; the snapshot is not stored", stream,
                         snapshot.getSequenceNumber());
                return;
            }
            Document document = eventDocument(snapshot, snapshot.getSequenceNumber(), serializer)
                    .append("aggregateIdentifier", stream.id())
                    .append("aggregateType", stream.type())
                    .append("commitHash", at.get().getString("hash"));
            document.put("_id", stream.key());
            document.put("mac", snapshotMac(document));
            snapshots.replaceOne(eq("_id", stream.key()), document, new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            handlePersistenceException(e, snapshot);
        }
    }

    private String snapshotMac(Document snapshot) {
        Document content = new Document(snapshot);
        content.remove("mac");
        // the server secret keys other digests too; the prefix keeps a snapshot's MAC from ever equalling one of them
        return CommitHash.hmac(snapshotKey, "event-store snapshot\n" + CommitHash.canonical(content));
    }

    /**
     * The stream's snapshot if it is one this store wrote for the commit that holds its sequence now: its MAC matches
     * its content, and its commit hash the commit's. Anything else is logged, counted and not used.
     */
    private Optional<Document> trustedSnapshot(StreamId stream) {
        Document snapshot = snapshots.find(eq("_id", stream.key())).first();
        if (snapshot == null) {
            return Optional.empty();
        }
        // A snapshot verified before and field for field the same needs no new MAC: a large aggregate's snapshot is
        // not canonicalized on every load. Its commit is looked up every time.
        String problem = !snapshot.equals(verifiedSnapshots.get(stream.key()))
                         && !snapshotMac(snapshot).equals(snapshot.getString("mac"))
                ? "its content does not match its MAC"
                : !findCommitHolding(stream, snapshot.getLong("sequenceNumber"), new Document("hash", 1))
                        .map(c -> c.getString("hash")).equals(Optional.ofNullable(snapshot.getString("commitHash")))
                ? "it does not match the commit it was taken at" : null;
        if (problem != null) {
            rejectedSnapshots.incrementAndGet();
            log.warn("The snapshot of {} at sequence {} is not used: {}. The aggregate is loaded from its events.",
                     stream, snapshot.get("sequenceNumber"), problem);
            return Optional.empty();
        }
        verifiedSnapshots.put(stream.key(), snapshot);
        return Optional.of(snapshot);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return resolve(aggregateIdentifier).flatMap(this::trustedSnapshot).map(s -> entry(s, s)).stream();
    }

    // ---- reading one stream

    /**
     * Loads an aggregate's events, from its snapshot when it has a trusted one. Only commits of this type count, so a
     * stream of another type under the same id is never read.
     */
    public DomainEventStream readEvents(String aggregateType, String aggregateIdentifier) {
        StreamId stream = new StreamId(aggregateType, aggregateIdentifier);
        Optional<DomainEventMessage<?>> snapshot =
                trustedSnapshot(stream)
                        .map(s -> EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry(s, s)),
                                                                                    getSnapshotSerializer(),
                                                                                    upcasterChain))
                        .flatMap(s -> s.asStream().findFirst());
        long from = snapshot.map(s -> s.getSequenceNumber() + 1).orElse(0L);
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                eventDataOf(stream, from), getEventSerializer(), upcasterChain);
        return snapshot.map(s -> DomainEventStream.concat(DomainEventStream.of(s), events)).orElse(events);
    }

    /** Reads by id alone, for the audit's history: the stream of the type that was first to use the id. */
    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        return resolve(aggregateIdentifier).map(stream -> eventDataOf(stream, firstSequenceNumber))
                                           .orElseGet(Stream::empty);
    }

    private Stream<? extends DomainEventData<?>> eventDataOf(StreamId stream, long firstSequenceNumber) {
        return commitsOf(stream, firstSequenceNumber, null)
                .flatMap(commit -> eventsOf(commit).stream()
                                                   .filter(e -> e.getLong("sequenceNumber") >= firstSequenceNumber)
                                                   .map(e -> entry(commit, e)));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return resolve(aggregateIdentifier).flatMap(stream -> commitsOf(stream, 0, new Document("lastSequence", 1))
                .reduce((first, second) -> second)
                .map(commit -> commit.getLong("lastSequence")));
    }

    /**
     * The stream an id names. {@code <type>:<id>} names that type's stream. An id alone names, of the streams that start
     * with that id (one per aggregate type, and the untyped form), the one whose first commit took the lowest position:
     * the one that used the id first.
     */
    Optional<StreamId> resolve(String aggregateIdentifier) {
        int colon = aggregateIdentifier.indexOf(':');
        if (colon > 0 && aggregateTypes.contains(aggregateIdentifier.substring(0, colon))) {
            StreamId typed = new StreamId(aggregateIdentifier.substring(0, colon),
                                          aggregateIdentifier.substring(colon + 1));
            return findWindow(typed, 0, new Document("firstPosition", 1)).isEmpty() ? Optional.empty()
                                                                                    : Optional.of(typed);
        }
        List<String> firstCommits = new ArrayList<>();
        firstCommits.add(aggregateIdentifier + "#0");
        aggregateTypes.forEach(type -> firstCommits.add(new StreamId(type, aggregateIdentifier).commitId(0)));
        return commits.find(in("_id", firstCommits)).projection(new Document("firstPosition", 1)
                                                                        .append("aggregateType", 1)
                                                                        .append("aggregateIdentifier", 1))
                      .into(new ArrayList<>()).stream()
                      .filter(c -> aggregateIdentifier.equals(c.getString("aggregateIdentifier")))
                      .min(Comparator.comparingLong(c -> c.getLong("firstPosition")))
                      .map(StreamId::of);
    }

    /** The commits whose last position is in {@code positions}, in the order of the global log, void markers too. */
    List<Document> commitsEndingAt(List<Long> positions) {
        List<Document> found = settledCommits.find(in("lastPosition", positions)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(c -> c.getLong("lastPosition")));
        return found;
    }

    /**
     * Checks the hash chain of the stream an id names ({@link #resolve}).
     *
     * @return the first sequence number of the first commit whose hash or link does not match its content, or empty
     * when the whole stream verifies
     */
    public Optional<Long> verifyStream(String aggregateIdentifier) {
        return resolve(aggregateIdentifier).flatMap(this::verifyStream);
    }

    Optional<Long> verifyStream(StreamId stream) {
        String expectedPrevious = null;
        long expectedFirst = 0;
        for (long window = 0; ; window = expectedFirst) {
            for (Document commit : findWindow(stream, window, null)) {
                if (firstSequence(commit) != expectedFirst
                        || !Objects.equals(expectedPrevious, commit.getString("previousHash"))
                        || !CommitHash.of(commit).equals(commit.getString("hash"))) {
                    return Optional.of(firstSequence(commit));
                }
                expectedFirst = commit.getLong("lastSequence") + 1;
                expectedPrevious = commit.getString("hash");
            }
            if (expectedFirst < window + batchSize) {
                return Optional.empty();
            }
        }
    }

    /**
     * The stream's commits from the one holding {@code fromSequence}, in order, fetched {@code batchSize} possible
     * commit starts at a time by {@code _id $in}. A window whose next expected start is absent ends the stream.
     */
    private Stream<Document> commitsOf(StreamId stream, long fromSequence, Document projection) {
        return Batches.stream(new Batches.Source<Long, Document>() {
            @Override
            public List<Document> fetch(Long next) {
                List<Document> found = findWindow(stream, next, projection);
                if (next == fromSequence && next > 0 && (found.isEmpty() || firstSequence(found.get(0)) != next)) {
                    findCommitHolding(stream, next, projection).ifPresent(c -> found.add(0, c));
                }
                List<Document> chain = new ArrayList<>();
                long expected = next;
                for (Document commit : found) {
                    if (firstSequence(commit) > expected) {
                        break;
                    }
                    chain.add(commit);
                    expected = commit.getLong("lastSequence") + 1;
                }
                if (!chain.isEmpty() && projection == null) {
                    Document last = chain.get(chain.size() - 1);
                    streamHeads.put(stream.key(), new StreamHead(last.getLong("lastSequence"),
                                                                 last.getString("hash")));
                }
                return chain;
            }

            @Override
            public Long next(Long previous, List<Document> batch) {
                long expected = batch.get(batch.size() - 1).getLong("lastSequence") + 1;
                // The window already covered `expected` and found nothing there: the stream ends.
                return expected < previous + batchSize ? null : expected;
            }
        }, fromSequence);
    }

    /** The stream's commits starting in {@code [from, from + batchSize)}, in order; only its own type's. */
    private List<Document> findWindow(StreamId stream, long from, Document projection) {
        List<String> ids = stream.commitIds(from, batchSize, legacyIds);
        List<Document> found = commits.find(in("_id", ids)).projection(withId(projection)).into(new ArrayList<>());
        found.removeIf(commit -> !stream.owns(commit));
        found.sort(Comparator.comparingLong(MongoEventStorageEngine::firstSequence));
        return found;
    }

    /** The stream's commit that holds the sequence before {@code firstSequence}, if there is one. */
    Optional<Document> commitBefore(StreamId stream, long firstSequence) {
        return findCommitHolding(stream, firstSequence - 1, new Document("hash", 1));
    }

    /** Searches windows backwards from {@code sequence} for the commit that starts at or before it. */
    private Optional<Document> findCommitHolding(StreamId stream, long sequence, Document projection) {
        for (long last = sequence; last >= 0; last -= batchSize) {
            List<Document> found = findWindow(stream, Math.max(0, last - batchSize + 1), projection);
            for (int i = found.size() - 1; i >= 0; i--) {
                Document commit = found.get(i);
                if (firstSequence(commit) <= sequence) {
                    return commit.getLong("lastSequence") >= sequence ? Optional.of(commit) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Document withId(Document projection) {
        if (projection == null) {
            return null;
        }
        return new Document(projection).append("_id", 1).append("firstSequence", 1).append("lastSequence", 1)
                                       .append("aggregateType", 1).append("aggregateIdentifier", 1);
    }

    private static long firstSequence(Document commit) {
        return commit.getLong("firstSequence");
    }

    @SuppressWarnings("unchecked")
    static List<Document> eventsOf(Document commit) {
        return (List<Document>) commit.get("events", List.class);
    }

    private static GenericDomainEventEntry<String> entry(Document commit, Document event) {
        return new GenericDomainEventEntry<>(commit.getString("aggregateType"),
                                             commit.getString("aggregateIdentifier"),
                                             event.getLong("sequenceNumber"),
                                             event.getString("eventIdentifier"),
                                             event.getString("timestamp"),
                                             event.getString("payloadType"),
                                             event.getString("payloadRevision"),
                                             JsonValue.toJson(event.get("payload")),
                                             JsonValue.toJson(event.get("metaData")));
    }

    // ---- tracking

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return Batches.stream(new Batches.Source<GapAwareTrackingToken, TrackedEventData<?>>() {
            @Override
            public List<TrackedEventData<?>> fetch(GapAwareTrackingToken token) {
                return fetchTracked(token);
            }

            @Override
            public GapAwareTrackingToken next(GapAwareTrackingToken previous, List<TrackedEventData<?>> batch) {
                return (GapAwareTrackingToken) batch.get(batch.size() - 1).trackingToken();
            }
        }, asGapAware(trackingToken));
    }

    /**
     * The next events after {@code token}: the commits whose last position lies in the token's open gaps or in the
     * next {@code batchSize} positions, each event with the token that includes it. Gaps waited for long enough are
     * voided first ({@link #giveUp}), then read like the others, so a commit that landed at the last moment is still
     * delivered. When a window holds no events but positions beyond it were handed out (a run of failed or unfinished
     * commits longer than a window), the following windows are searched up to the head.
     */
    List<TrackedEventData<?>> fetchTracked(GapAwareTrackingToken token) {
        GapAwareTrackingToken current = token;
        giveUp(overdueGaps(token));
        List<Document> found = new ArrayList<>();
        Set<Long> positions = new HashSet<>(current.getGaps());
        for (long from = current.getIndex() + 1; ; from += batchSize) {
            LongStream.range(from, from + batchSize).forEach(positions::add);
            found.addAll(settledCommits.find(in("lastPosition", positions)).into(new ArrayList<>()));
            positions.clear();
            if (found.stream().anyMatch(commit -> !eventsOf(commit).isEmpty())) {
                break;
            }
            if (from + batchSize >= headPosition()) {
                return List.of();
            }
        }
        found.sort(Comparator.comparingLong(c -> c.getLong("lastPosition")));
        List<TrackedEventData<?>> result = new ArrayList<>();
        Set<Long> voided = settledVoids(found, current.getGaps());
        for (Document commit : found) {
            List<Document> events = eventsOf(commit);
            long firstPosition = commit.getLong("firstPosition");
            if (events.isEmpty()) {
                continue;
            }
            for (int i = 0; i < events.size(); i++) {
                long position = firstPosition + i;
                if (position <= current.getIndex() && !current.getGaps().contains(position)) {
                    continue;
                }
                current = current.advanceTo(position, maxGapOffset);
                if (!voided.isEmpty()) {
                    current = withoutGaps(current, voided);
                }
                gapFirstSeen.remove(position);
                result.add(new TrackedDomainEventData<>(current, entry(commit, events.get(i))));
            }
        }
        Instant now = clock.instant();
        current.getGaps().forEach(gap -> gapFirstSeen.putIfAbsent(gap, now));
        return result;
    }

    /**
     * The void positions among {@code found} that no commit can land on any more, so the token may stop waiting for
     * them. A writer's void marker ends at its own commit's last position, which the unique index then blocks. A
     * reader's marker blocks only a commit that ends at its position: one that a commit on its way spans (that commit
     * ends later) may still be filled. So a reader-marked gap counts only when every gap from it to the end of its run
     * of consecutive gaps is marked too: whatever commit spans it ends inside that run, at a marked position.
     */
    private static Set<Long> settledVoids(List<Document> found, Collection<Long> gaps) {
        Set<Long> voided = new HashSet<>();
        Set<Long> markedByReaders = new HashSet<>();
        for (Document marker : found) {
            if (eventsOf(marker).isEmpty()) {
                Set<Long> into = marker.getString("_id").startsWith(GAP_MARKER) ? markedByReaders : voided;
                LongStream.rangeClosed(marker.getLong("firstPosition"), marker.getLong("lastPosition"))
                          .forEach(into::add);
            }
        }
        Set<Long> open = new HashSet<>(gaps);
        for (long marked : markedByReaders) {
            long end = marked;
            while (open.contains(end + 1) && (voided.contains(end + 1) || markedByReaders.contains(end + 1))) {
                end++;
            }
            if (!open.contains(end + 1)) {
                voided.add(marked);
            }
        }
        return voided;
    }

    /**
     * The gaps to stop waiting for: those seen open for {@code gapTimeout}, and those more than half the token's reach
     * behind its index, which the token would otherwise drop without a word.
     */
    private Set<Long> overdueGaps(GapAwareTrackingToken token) {
        if (token.getGaps().isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Set<Long> overdue = new HashSet<>();
        for (Long gap : token.getGaps()) {
            Instant firstSeen = gapFirstSeen.computeIfAbsent(gap, g -> now);
            if (!firstSeen.plus(gapTimeout).isAfter(now) || gap < token.getIndex() - maxGapOffset / 2) {
                overdue.add(gap);
            }
        }
        if (gapFirstSeen.size() > 10 * maxGapOffset) {
            Instant forgetBefore = now.minus(gapTimeout.multipliedBy(2));
            gapFirstSeen.values().removeIf(seen -> seen.isBefore(forgetBefore));
        }
        return overdue;
    }

    /**
     * Writes a void marker at each position given up. The unique index on {@code lastPosition} decides against a
     * commit landing there at the same moment: if the commit won, the marker fails and the commit is read; if the
     * marker won, the commit's writer takes new positions. Either way nothing is lost, and each position given up is
     * logged and counted.
     */
    private void giveUp(Set<Long> gaps) {
        for (long gap : gaps) {
            if (insertMarker(new Document("_id", GAP_MARKER + gap).append("firstPosition", gap)
                                                             .append("lastPosition", gap)
                                                             .append("events", List.of())
                                                             .append("givenUpAt", clock.millis()))) {
                givenUpPositions.incrementAndGet();
                log.warn("Global position {} stayed empty for {}; it is given up and marked void. A writer that"
                         + " still holds it will take new positions.", gap, gapTimeout);
            }
        }
    }

    private static GapAwareTrackingToken withoutGaps(GapAwareTrackingToken token, Set<Long> removed) {
        List<Long> gaps = token.getGaps().stream().filter(g -> !removed.contains(g)).toList();
        return GapAwareTrackingToken.newInstance(token.getIndex(), gaps);
    }

    /** A null token means "from the start", which is index -1 with no gaps. */
    private static GapAwareTrackingToken asGapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(-1, List.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("Tokens of this event store are GapAwareTrackingTokens, not " + token);
    }

    /**
     * The number of positions handed out so far: events at positions below it are stored or on their way. A
     * processor's lag is this minus one minus its token's position.
     */
    public long headPosition() {
        Document counter = counters.find(eq("_id", POSITION_COUNTER)).first();
        return counter == null ? 0 : counter.getLong("next");
    }

    /** When the last positions were handed out, by the writer's clock; null on an empty store. */
    Instant lastReservation() {
        Document counter = counters.find(eq("_id", POSITION_COUNTER)).first();
        return counter == null || counter.get("reservedAt") == null ? null
                : Instant.ofEpochMilli(counter.getLong("reservedAt"));
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * A token at the last event near the head, whose gaps are the positions before it not yet written, so a processor
     * that starts here still gets the commits on their way, and a processor's lag (this token's position minus its own)
     * counts events only: void markers after the last event hold none.
     */
    @Override
    public TrackingToken createHeadToken() {
        long head = headPosition();
        long windowStart = Math.max(0, head - 4L * batchSize);
        List<Long> window = LongStream.range(windowStart, head).boxed().toList();
        Set<Long> written = new HashSet<>();
        long lastEvent = windowStart - 1;
        for (Document commit : commitsEndingAt(window)) {
            LongStream.rangeClosed(commit.getLong("firstPosition"), commit.getLong("lastPosition"))
                      .forEach(written::add);
            if (!eventsOf(commit).isEmpty()) {
                lastEvent = Math.max(lastEvent, commit.getLong("lastPosition"));
            }
        }
        long index = lastEvent;
        return index < 0 ? null : GapAwareTrackingToken.newInstance(
                index, window.stream().filter(p -> p < index && !written.contains(p)).toList());
    }

    /** The last commit known of a stream: a commit never changes, so this stays true, if perhaps not the latest. */
    private record StreamHead(long lastSequence, String hash) {
    }

    static <K, V> Map<K, V> lruMap(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
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
