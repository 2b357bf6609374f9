package community.platform.command.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/**
 * Appends one unit of work's events as one commit document: stored whole or not at all, without multi-document
 * transactions. Its {@code _id} names the stream by aggregate type and id and the commit's first sequence
 * ({@link StreamId}), so two commits racing on one aggregate collide on it (optimistic concurrency).
 * <p>
 * Each commit takes its global positions before the insert ({@link CommitLog}), and stores {@code previousHash}, the
 * hash of the stream's previous commit, and its own {@code hash} ({@link CommitHash}), so a changed payload or a removed
 * commit breaks the chain ({@link HashChains}). A commit that fails after taking its positions voids them itself, so
 * tracking readers need not wait; one whose positions a reader gave up takes new ones and inserts again.
 */
class CommitWriter {

    private static final int MAX_REPOSITIONS = 5;
    private static final Logger log = LoggerFactory.getLogger(CommitWriter.class);

    private final MongoCollection<Document> commits;
    private final CommitLog commitLog;
    private final Streams streams;
    final Refusal refusal;

    /** Turns a failed append into the exception Axon expects of a storage engine (and throws it). */
    interface Refusal {
        void refuse(Exception cause, EventMessage<?> firstEvent);
    }

    CommitWriter(MongoCollection<Document> commits, CommitLog commitLog, Streams streams, Refusal refusal) {
        this.commits = commits;
        this.commitLog = commitLog;
        this.streams = streams;
        this.refusal = refusal;
    }

    void append(List<? extends EventMessage<?>> events, Serializer serializer) {
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
        StreamId stream = new StreamId(commit.aggregateType(), commit.stream());
        streams.registerType(stream.type());
        List<Document> eventDocuments = new ArrayList<>(events.size());
        try {
            for (int i = 0; i < events.size(); i++) {
                eventDocuments.add(eventDocument(events.get(i), commit.firstSequence() + i, serializer));
            }
        } catch (RuntimeException e) {
            throw new EventStoreException("Could not serialize the events of " + commit.describe()
                                                  + "; nothing was stored", e);
        }
        if (commit.firstSequence() == 0 && streams.existsInOldForm(stream)) {
            refusal.refuse(new ConcurrencyException(
                    "The stream " + stream + " exists already, written before typed names"), events.get(0));
        }
        Document body = new Document("_id", stream.commitId(commit.firstSequence()))
                .append("aggregateIdentifier", commit.stream())
                .append("aggregateType", commit.aggregateType())
                .append("firstSequence", commit.firstSequence())
                .append("lastSequence", commit.lastSequence())
                .append("events", eventDocuments)
                .append("previousHash", previousHash(stream, commit));
        return positioned(body, commitLog.reservePositions(events.size()));
    }

    /** The commit at the positions from {@code firstPosition} on, hashed. */
    private static Document positioned(Document body, long firstPosition) {
        Document commit = new Document(body);
        commit.remove("hash");
        commit.put("firstPosition", firstPosition);
        commit.put("lastPosition", firstPosition + CommitLog.eventsOf(body).size() - 1);
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
                    current = positioned(current, commitLog.reservePositions(CommitLog.eventsOf(current).size()));
                    continue;
                }
                if (outcome == Outcome.STREAM_TAKEN) {
                    refusal.refuse(new ConcurrencyException(
                            "Another commit was stored for " + current.get("_id") + " first", e), firstEvent);
                }
                refusal.refuse(e, firstEvent);
            }
        }
        streams.remember(StreamId.of(current), current);
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
        return CommitLog.eventsOf(stored).get(0).getString("eventIdentifier")
                        .equals(CommitLog.eventsOf(commit).get(0).getString("eventIdentifier"));
    }

    /**
     * Marks the positions of a commit that will not be stored there, so tracking readers stop waiting for them.
     *
     * @return whether the marker went in; false when something holds the last position already
     */
    private boolean voidPositions(Document commit) {
        long first = commit.getLong("firstPosition");
        // no '#' in it, so it can never equal a commit id
        return commitLog.insertMarker(new Document("_id", "void:" + first)
                                              .append("firstPosition", first)
                                              .append("lastPosition", commit.getLong("lastPosition"))
                                              .append("events", List.of()));
    }

    private String previousHash(StreamId stream, Commit commit) {
        if (commit.firstSequence() == 0) {
            return null;
        }
        long previous = commit.firstSequence() - 1;
        String known = streams.knownHash(stream, previous);
        if (known != null) {
            return known;
        }
        Document found = streams.findCommitHolding(stream, previous, new Document("hash", 1))
                                .filter(c -> c.getLong("lastSequence") == previous)
                                .orElse(null);
        if (found == null) {
            throw new ConcurrencyException("Cannot append " + commit.describe() + ": no commit of the stream ends at "
                                                   + previous + "; it was changed since it was loaded");
        }
        return found.getString("hash");
    }

    /** An event (or a snapshot) as it is stored: payload and metadata as documents a MongoDB tool reads. */
    static Document eventDocument(EventMessage<?> event, long sequenceNumber, Serializer serializer) {
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
}
