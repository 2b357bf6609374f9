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
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The global log: the commits in {@value #COMMITS} in the order of their global positions, and what appending,
 * tracking and the audit's checks share about it.
 * <p>
 * A counter document in {@value #COUNTERS} hands each commit a range of positions, one per event, before the insert.
 * The unique index on {@code lastPosition} makes the order safe without clocks: a void marker (an empty commit) written
 * at a position blocks every commit that would end there, so whoever writes there first decides. Writers void the
 * positions of a commit that failed; readers void positions they gave up on ({@link TrackingReader}).
 * <p>
 * The same counters collection keeps the store's format: whether it was written before stream names carried their
 * type, the aggregate types it holds, and the first position that marks every position given up.
 */
final class CommitLog {

    static final String COMMITS = "eventCommits";
    /** Positions asked for at once by a walk over the log: {@code lastPosition $in} a window. */
    static final int WINDOW = 512;
    static final String COUNTERS = "eventCounters";
    private static final String POSITION_COUNTER = "position";
    private static final String FORMAT = "format";

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> settledCommits;
    private final MongoCollection<Document> counters;
    private final Clock clock;
    private volatile long markedFrom;

    /** What {@link #open} learnt of the store. */
    record Format(boolean legacyIds, List<String> aggregateTypes) {
    }

    /**
     * @param majorityReads whether reads in log order (tracking, the audit) use read concern majority, so they never
     *                      see a write that a replica set's failover could still roll back
     */
    CommitLog(MongoDatabase database, boolean majorityReads, Clock clock) {
        this.commits = database.getCollection(COMMITS);
        this.settledCommits = majorityReads ? commits.withReadConcern(ReadConcern.MAJORITY) : commits;
        this.counters = database.getCollection(COUNTERS);
        this.clock = clock;
    }

    /**
     * Creates the index every query in log order relies on and learns the store's format. Fails start-up with a clear
     * message when the index cannot be made: without it two writers could both win, and reads would scan the whole
     * store.
     */
    Format open() {
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
        markedFrom = format == null || format.get("markedFrom") == null ? 0 : format.getLong("markedFrom");
        return new Format(format == null ? written : format.getBoolean("legacyIds", written),
                          format == null || format.get("aggregateTypes") == null ? List.of()
                                  : format.getList("aggregateTypes", String.class));
    }

    /**
     * The first position handed out by a version that marks every position it gives up. Earlier versions gave up
     * positions without a trace, so an empty position below this one is not evidence of anything.
     */
    long markedFrom() {
        return markedFrom;
    }

    /** Kept in the store, so that after a restart an id alone still finds streams of types not loaded yet. */
    void rememberAggregateType(String type) {
        counters.updateOne(eq("_id", FORMAT), Updates.addToSet("aggregateTypes", type),
                           new UpdateOptions().upsert(true));
    }

    /**
     * Takes {@code count} positions from the counter, and notes when. The value before the update is asked for: the
     * embedded server answers "after" with its live document, which a concurrent update may already have changed.
     */
    long reservePositions(int count) {
        Document before = counters.findOneAndUpdate(eq("_id", POSITION_COUNTER),
                                                    Updates.combine(Updates.inc("next", (long) count),
                                                                    Updates.set("reservedAt", clock.millis())),
                                                    new FindOneAndUpdateOptions().upsert(true)
                                                                                 .returnDocument(ReturnDocument.BEFORE));
        return before == null || before.get("next") == null ? 0 : before.getLong("next");
    }

    /**
     * The number of positions handed out so far: events at positions below it are stored or on their way. A
     * processor's lag is this minus one minus its token's position.
     */
    long headPosition() {
        Document counter = counters.find(eq("_id", POSITION_COUNTER)).first();
        return counter == null ? 0 : counter.getLong("next");
    }

    /** When the last positions were handed out, by the writer's clock; null on an empty store. */
    Instant lastReservation() {
        Document counter = counters.find(eq("_id", POSITION_COUNTER)).first();
        return counter == null || counter.get("reservedAt") == null ? null
                : Instant.ofEpochMilli(counter.getLong("reservedAt"));
    }

    /** The commits whose last position is in {@code positions}, in the order of the global log, void markers too. */
    List<Document> commitsEndingAt(Collection<Long> positions) {
        List<Document> found = settledCommits.find(in("lastPosition", positions)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(c -> c.getLong("lastPosition")));
        return found;
    }

    /**
     * Calls {@code each} with every commit that holds events, up to position {@code last}, in the order of the global
     * log; the positions are asked for a window at a time, as the tracking reads do.
     */
    void forEachCommitUpTo(long last, Consumer<Document> each) {
        for (long from = 0; from <= last; from += WINDOW) {
            List<Long> window = LongStream.rangeClosed(from, Math.min(last, from + WINDOW - 1)).boxed().toList();
            for (Document commit : commitsEndingAt(window)) {
                if (!eventsOf(commit).isEmpty()) {
                    each.accept(commit);
                }
            }
        }
    }

    /** Inserts a void marker: false when its position (or its id) is taken, an exception when the store fails. */
    boolean insertMarker(Document marker) {
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

    @SuppressWarnings("unchecked")
    static List<Document> eventsOf(Document commit) {
        return (List<Document>) commit.get("events", List.class);
    }

    /** One stored event (or a snapshot, which is stored as its own commit and event) as Axon reads it. */
    static GenericDomainEventEntry<String> entry(Document commit, Document event) {
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
}
