package community.platform.command.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
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
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Axon event storage on MongoDB (or the embedded wire-protocol server) that loses nothing and stays fast as history
 * grows.
 * <p>
 * One document per commit in {@value #COMMITS}: all events one unit of work applied to one aggregate, so a commit is
 * stored whole or not at all without multi-document transactions. Its {@code _id} is
 * {@code <aggregateIdentifier>#<firstSequence>}, so two commits racing on one aggregate collide on it (optimistic
 * concurrency). A counter document hands each commit a range of global positions, one per event, before the insert;
 * tracking readers use Axon's {@link GapAwareTrackingToken}, so a commit that lands after later positions were read is
 * still delivered, and a position that stays empty is given up after {@code gapTimeout}. A commit that fails after
 * taking its positions leaves a void marker, so readers need not wait for it.
 * <p>
 * Query shapes. The embedded server serves only equality or {@code $in} on exactly the fields of a unique index (and no
 * {@code $in} on a compound one); anything else reads the whole collection. Every query here is one of:
 * <ul>
 *     <li>stream read: {@code _id $in ["a#s", "a#s+1", .. "a#s+batch-1"]} (the _id index);</li>
 *     <li>the commit holding a sequence, for a stream read that starts inside a commit and for the previous hash when
 *     it is not cached: the same {@code _id $in}, over the window before it;</li>
 *     <li>tracking read: {@code lastPosition $in [gaps, index+1..index+batch]} (unique index);</li>
 *     <li>counter and snapshot: equality on {@code _id}.</li>
 * </ul>
 * MongoDB serves the same shapes from the same indexes.
 * <p>
 * Each commit stores {@code previousHash}, the hash of the stream's previous commit, and {@code hash}, a SHA-256 over
 * its own canonical extended JSON (everything but {@code hash}), so a changed payload or a removed commit breaks the
 * chain ({@link #verifyStream(String)}).
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    static final String COMMITS = "eventCommits";
    static final String SNAPSHOTS = "snapshots";
    static final String COUNTERS = "eventCounters";
    private static final String POSITION_COUNTER = "position";
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final int batchSize;
    private final int maxGapOffset;
    private final Duration gapTimeout;
    private final Clock clock;
    private final Map<Long, Instant> gapFirstSeen = new ConcurrentHashMap<>();
    private final Map<String, StreamHead> streamHeads = lruMap(10_000);

    private MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(COMMITS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.counters = builder.database.getCollection(COUNTERS);
        this.batchSize = builder.batchSize;
        this.maxGapOffset = builder.maxGapOffset;
        this.gapTimeout = builder.gapTimeout;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the indexes every query relies on. Fails start-up with a clear message when they cannot be made: without
     * them two writers could both win, and reads would scan the whole store.
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
    }

    // ---- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!events.isEmpty()) {
            insert(prepare(events, serializer), events.get(0));
        }
    }

    /**
     * Builds the commit document and takes its positions; nothing is visible until {@link #insert}. Kept apart so
     * tests can hold a commit between the two steps, as a slow writer would.
     */
    Document prepare(List<? extends EventMessage<?>> events, Serializer serializer) {
        Commit commit = Commit.of(events);
        List<Document> eventDocuments = new ArrayList<>(events.size());
        try {
            for (int i = 0; i < events.size(); i++) {
                eventDocuments.add(eventDocument(events.get(i), commit.firstSequence() + i, serializer));
            }
        } catch (RuntimeException e) {
            throw new EventStoreException("Could not serialize the events of " + commit.describe()
                                                  + "; nothing was stored", e);
        }
        String previousHash = previousHash(commit);
        long firstPosition = reservePositions(events.size());
        Document document = new Document("_id", commitId(commit.stream(), commit.firstSequence()))
                .append("aggregateIdentifier", commit.stream())
                .append("aggregateType", commit.aggregateType())
                .append("firstSequence", commit.firstSequence())
                .append("lastSequence", commit.lastSequence())
                .append("firstPosition", firstPosition)
                .append("lastPosition", firstPosition + events.size() - 1)
                .append("events", eventDocuments)
                .append("previousHash", previousHash);
        return document.append("hash", CommitHash.of(document.toJson(CANONICAL)));
    }

    void insert(Document commit, EventMessage<?> firstEvent) {
        try {
            commits.insertOne(commit);
        } catch (RuntimeException e) {
            markVoid(commit.getLong("firstPosition"), commit.getLong("lastPosition"));
            handlePersistenceException(e, firstEvent);
        }
        streamHeads.put(commit.getString("aggregateIdentifier"),
                        new StreamHead(commit.getLong("lastSequence"), commit.getString("hash")));
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

    private String previousHash(Commit commit) {
        if (commit.firstSequence() == 0) {
            return null;
        }
        long previous = commit.firstSequence() - 1;
        StreamHead head = streamHeads.get(commit.stream());
        if (head != null && head.lastSequence() == previous) {
            return head.hash();
        }
        Document found = findCommitHolding(commit.stream(), previous, new Document("hash", 1))
                .filter(c -> c.getLong("lastSequence") == previous)
                .orElse(null);
        if (found == null) {
            throw new ConcurrencyException("Cannot append " + commit.describe() + ": no commit of the stream ends at "
                                                   + previous + "; it was changed since it was loaded");
        }
        return found.getString("hash");
    }

    /**
     * Takes {@code count} positions from the counter. The value before the update is asked for: the embedded server
     * answers "after" with its live document, which a concurrent update may already have changed again.
     */
    private long reservePositions(int count) {
        Document before = counters.findOneAndUpdate(eq("_id", POSITION_COUNTER),
                                                    Updates.inc("next", (long) count),
                                                    new FindOneAndUpdateOptions().upsert(true)
                                                                                 .returnDocument(ReturnDocument.BEFORE));
        return before == null || before.get("next") == null ? 0 : before.getLong("next");
    }

    /**
     * Records that the positions taken by a failed commit will never hold events, so tracking readers stop waiting for
     * them at once. If this write is lost too, the gap timeout still ends the wait.
     */
    private void markVoid(long firstPosition, long lastPosition) {
        try {
            // no '#' in it, so it can never equal a commit id
            commits.insertOne(new Document("_id", "void:" + firstPosition)
                                      .append("firstPosition", firstPosition)
                                      .append("lastPosition", lastPosition)
                                      .append("events", List.of()));
        } catch (MongoException ignored) {
            // the gap timeout covers it
        }
    }

    /**
     * {@code <aggregateIdentifier>#<firstSequence>}: a string, because the embedded server looks string keys up about
     * three times faster than sub-document keys. The part after the last '#' is a number, so the mapping is one to one.
     */
    static String commitId(String stream, long firstSequence) {
        return stream + "#" + firstSequence;
    }

    // ---- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        try {
            Document document = eventDocument(snapshot, snapshot.getSequenceNumber(), serializer)
                    .append("aggregateIdentifier", snapshot.getAggregateIdentifier())
                    .append("aggregateType", snapshot.getType());
            document.put("_id", snapshot.getAggregateIdentifier());
            snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                                 new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            handlePersistenceException(e, snapshot);
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(entry(snapshot, snapshot));
    }

    // ---- reading one stream

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        return commitsOf(aggregateIdentifier, firstSequenceNumber, null)
                .flatMap(commit -> eventsOf(commit).stream()
                                                   .filter(e -> e.getLong("sequenceNumber") >= firstSequenceNumber)
                                                   .map(e -> entry(commit, e)));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return commitsOf(aggregateIdentifier, 0, new Document("lastSequence", 1))
                .reduce((first, second) -> second)
                .map(commit -> commit.getLong("lastSequence"));
    }

    /** The commits whose last position is in {@code positions}, in the order of the global log; no void markers. */
    List<Document> commitsEndingAt(List<Long> positions) {
        List<Document> found = commits.find(in("lastPosition", positions)).into(new ArrayList<>());
        found.removeIf(commit -> !commit.containsKey("aggregateIdentifier"));
        found.sort(Comparator.comparingLong(c -> c.getLong("lastPosition")));
        return found;
    }

    /** The hash a commit's content gives now, whatever its stored {@code hash} says. */
    static String contentHash(Document commit) {
        Document content = new Document(commit);
        content.remove("hash");
        return CommitHash.of(content.toJson(CANONICAL));
    }

    /**
     * Checks the hash chain of one stream.
     *
     * @return the first sequence number of the first commit whose hash or link does not match its content, or empty
     * when the whole stream verifies
     */
    public Optional<Long> verifyStream(String aggregateIdentifier) {
        String expectedPrevious = null;
        long expectedFirst = 0;
        for (long window = 0; ; window = expectedFirst) {
            for (Document commit : findWindow(aggregateIdentifier, window, null)) {
                Document content = new Document(commit);
                String stored = (String) content.remove("hash");
                if (firstSequence(commit) != expectedFirst
                        || !Objects.equals(expectedPrevious, content.getString("previousHash"))
                        || !CommitHash.of(content.toJson(CANONICAL)).equals(stored)) {
                    return Optional.of(firstSequence(commit));
                }
                expectedFirst = commit.getLong("lastSequence") + 1;
                expectedPrevious = stored;
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
    private Stream<Document> commitsOf(String stream, long fromSequence, Document projection) {
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
                    streamHeads.put(stream, new StreamHead(last.getLong("lastSequence"), last.getString("hash")));
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

    private List<Document> findWindow(String stream, long from, Document projection) {
        List<String> ids = LongStream.range(from, from + batchSize).mapToObj(s -> commitId(stream, s)).toList();
        List<Document> found = commits.find(in("_id", ids)).projection(withId(projection)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(MongoEventStorageEngine::firstSequence));
        return found;
    }

    /** Searches windows backwards from {@code sequence} for the commit that starts at or before it. */
    private Optional<Document> findCommitHolding(String stream, long sequence, Document projection) {
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
        return new Document(projection).append("_id", 1).append("firstSequence", 1).append("lastSequence", 1);
    }

    private static long firstSequence(Document commit) {
        return commit.getLong("firstSequence");
    }

    @SuppressWarnings("unchecked")
    private static List<Document> eventsOf(Document commit) {
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
     * next {@code batchSize} positions, each event with the token that includes it. When that window holds no events
     * but positions beyond it were handed out (a run of failed or unfinished commits longer than a window), the
     * following windows are searched up to the head.
     */
    List<TrackedEventData<?>> fetchTracked(GapAwareTrackingToken token) {
        GapAwareTrackingToken current = withoutExpiredGaps(token);
        List<Document> found = new ArrayList<>();
        Set<Long> positions = new HashSet<>(current.getGaps());
        for (long from = current.getIndex() + 1; ; from += batchSize) {
            LongStream.range(from, from + batchSize).forEach(positions::add);
            found.addAll(commits.find(in("lastPosition", positions)).into(new ArrayList<>()));
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
        Set<Long> voided = new HashSet<>();
        for (Document commit : found) {
            List<Document> events = eventsOf(commit);
            long firstPosition = commit.getLong("firstPosition");
            if (events.isEmpty()) {
                LongStream.rangeClosed(firstPosition, commit.getLong("lastPosition")).forEach(voided::add);
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

    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        if (token.getGaps().isEmpty()) {
            return token;
        }
        Instant now = clock.instant();
        Set<Long> expired = new HashSet<>();
        for (Long gap : token.getGaps()) {
            Instant firstSeen = gapFirstSeen.computeIfAbsent(gap, g -> now);
            if (!firstSeen.plus(gapTimeout).isAfter(now)) {
                expired.add(gap);
            }
        }
        if (gapFirstSeen.size() > 10 * maxGapOffset) {
            Instant forgetBefore = now.minus(gapTimeout.multipliedBy(2));
            gapFirstSeen.values().removeIf(seen -> seen.isBefore(forgetBefore));
        }
        return expired.isEmpty() ? token : withoutGaps(token, expired);
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

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = headPosition();
        return head == 0 ? null : GapAwareTrackingToken.newInstance(head - 1, List.of());
    }

    /** The last commit known of a stream: a commit never changes, so this stays true, if perhaps not the latest. */
    private record StreamHead(long lastSequence, String hash) {
    }

    private static <K, V> Map<K, V> lruMap(int capacity) {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** Duplicate keys on the commit id are the optimistic-concurrency conflicts. */
    static boolean isDuplicateKey(Exception e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private int batchSize = 64;
        private int maxGapOffset = 10_000;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

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

        public MongoEventStorageEngine build() {
            if (database == null) {
                throw new org.axonframework.common.AxonConfigurationException("The event store needs a MongoDatabase");
            }
            if (batchSize < 1 || maxGapOffset < 1 || gapTimeout.isNegative()) {
                throw new org.axonframework.common.AxonConfigurationException(
                        "batchSize and maxGapOffset must be positive and gapTimeout not negative");
            }
            return new MongoEventStorageEngine(this);
        }
    }
}
