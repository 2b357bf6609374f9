package community.platform.command.eventstore;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Reading one aggregate's stream, named by its type and id ({@link StreamId}), so that no id chosen by a user reads
 * another type's stream.
 * <p>
 * Query shapes. The embedded server serves only equality or {@code $in} on exactly the fields of a unique index (and no
 * {@code $in} on a compound one); anything else reads the whole collection. A stream is read by
 * {@code _id $in ["T:a#s", "T:a#s+1", .. "T:a#s+batch-1"]} (the _id index), and the commit holding a sequence by the
 * same {@code _id $in} over the windows before it. MongoDB serves the same shapes from the same index.
 * <p>
 * Keeps the last commit seen of recent streams, so that appending finds the previous hash without a query.
 */
final class Streams {

    private static final Logger log = LoggerFactory.getLogger(Streams.class);

    private final MongoCollection<Document> commits;
    private final CommitLog commitLog;
    private final int batchSize;
    private final Map<String, StreamHead> heads = lruMap(10_000);
    private final Set<String> aggregateTypes = ConcurrentHashMap.newKeySet();
    private volatile boolean legacyIds;

    Streams(MongoCollection<Document> commits, CommitLog commitLog, int batchSize) {
        this.commits = commits;
        this.commitLog = commitLog;
        this.batchSize = batchSize;
    }

    /** Reads streams as the store's format says they are named. */
    void use(CommitLog.Format format) {
        legacyIds = format.legacyIds();
        aggregateTypes.addAll(format.aggregateTypes());
        if (legacyIds) {
            log.info("This event store was written before stream names carried their aggregate type; streams are read"
                     + " in both forms, and new commits are written in the typed form.");
        }
    }

    /** How many commit starts one query asks for. */
    int batchSize() {
        return batchSize;
    }

    /** Lets untyped reads (the audit's history by id) find a stream of this aggregate type. */
    void registerType(String type) {
        if (type != null && aggregateTypes.add(type)) {
            commitLog.rememberAggregateType(type);
        }
    }

    /** Creating a stream in a store written before typed names: the old form of its name may be taken already. */
    boolean existsInOldForm(StreamId stream) {
        return legacyIds && stream.type() != null
                && stream.owns(Optional.ofNullable(commits.find(eq("_id", stream.id() + "#0")).first())
                                       .orElse(new Document()));
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

    /** The stream's events from {@code firstSequenceNumber} on, as Axon reads them. */
    Stream<? extends DomainEventData<?>> eventData(StreamId stream, long firstSequenceNumber) {
        return commitsOf(stream, firstSequenceNumber, null)
                .flatMap(commit -> CommitLog.eventsOf(commit).stream()
                                            .filter(e -> e.getLong("sequenceNumber") >= firstSequenceNumber)
                                            .map(e -> CommitLog.entry(commit, e)));
    }

    Optional<Long> lastSequenceNumber(StreamId stream) {
        return commitsOf(stream, 0, new Document("lastSequence", 1))
                .reduce((first, second) -> second)
                .map(commit -> commit.getLong("lastSequence"));
    }

    /**
     * The stream's commits from the one holding {@code fromSequence}, in order, fetched {@code batchSize} possible
     * commit starts at a time by {@code _id $in}. A window whose next expected start is absent ends the stream.
     */
    Stream<Document> commitsOf(StreamId stream, long fromSequence, Document projection) {
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
                    remember(stream, chain.get(chain.size() - 1));
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
    List<Document> findWindow(StreamId stream, long from, Document projection) {
        return findWindow(stream, from, batchSize, projection);
    }

    private List<Document> findWindow(StreamId stream, long from, int count, Document projection) {
        List<String> ids = stream.commitIds(from, count, legacyIds);
        List<Document> found = commits.find(in("_id", ids)).projection(withId(projection)).into(new ArrayList<>());
        found.removeIf(commit -> !stream.owns(commit));
        found.sort(Comparator.comparingLong(Streams::firstSequence));
        return found;
    }

    /** Whether the stream has a commit that starts at {@code sequence}: one read, by id. */
    boolean hasCommitStartingAt(StreamId stream, long sequence) {
        return !findWindow(stream, sequence, 1, new Document("aggregateIdentifier", 1).append("aggregateType", 1))
                .isEmpty();
    }

    /** The stream's commit that holds the sequence before {@code firstSequence}, if there is one. */
    Optional<Document> commitBefore(StreamId stream, long firstSequence) {
        return findCommitHolding(stream, firstSequence - 1, new Document("hash", 1));
    }

    /** Searches windows backwards from {@code sequence} for the commit that starts at or before it. */
    Optional<Document> findCommitHolding(StreamId stream, long sequence, Document projection) {
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

    /** Forgets every stream's last commit: after commits were rewritten in place ({@link PersonalDataMigration}). */
    void forgetHeads() {
        heads.clear();
    }

    /** Notes a stored commit as the last known of its stream: a commit never changes, so this stays true. */
    void remember(StreamId stream, Document commit) {
        heads.put(stream.key(), new StreamHead(commit.getLong("lastSequence"), commit.getString("hash")));
    }

    /** The hash of the stream's commit ending at {@code lastSequence} if it is the last one known; null if not known. */
    String knownHash(StreamId stream, long lastSequence) {
        StreamHead head = heads.get(stream.key());
        return head != null && head.lastSequence() == lastSequence ? head.hash() : null;
    }

    private static Document withId(Document projection) {
        if (projection == null) {
            return null;
        }
        return new Document(projection).append("_id", 1).append("firstSequence", 1).append("lastSequence", 1)
                                       .append("aggregateType", 1).append("aggregateIdentifier", 1);
    }

    static long firstSequence(Document commit) {
        return commit.getLong("firstSequence");
    }

    static <K, V> Map<K, V> lruMap(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The last commit known of a stream, if perhaps not the latest. */
    private record StreamHead(long lastSequence, String hash) {
    }
}
