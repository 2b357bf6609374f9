package community.platform.command.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static com.mongodb.client.model.Filters.eq;

/**
 * One snapshot per stream in {@value #SNAPSHOTS}, under the stream's name. A snapshot carries the hash of the commit it
 * was taken at and a keyed MAC over itself; one that does not match is not used, so someone who can write the database
 * but does not hold the key cannot make an aggregate load from a state of their choosing.
 */
final class Snapshots {

    static final String SNAPSHOTS = "snapshots";
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final MongoCollection<Document> snapshots;
    private final Streams streams;
    private final byte[] key;
    private final CommitWriter.Refusal refusal;
    private final Map<String, Document> verified = Streams.lruMap(1_000);
    private final AtomicLong rejected = new AtomicLong();

    Snapshots(MongoDatabase database, Streams streams, byte[] key, CommitWriter.Refusal refusal) {
        this.snapshots = database.getCollection(SNAPSHOTS);
        this.streams = streams;
        this.key = key.clone();
        this.refusal = refusal;
    }

    /** Snapshots that did not match their commit or their MAC, so the aggregate was loaded from its events. */
    long rejected() {
        return rejected.get();
    }

    /** Replaces the stream's snapshot, if a commit of the stream holds the snapshot's sequence. */
    void store(DomainEventMessage<?> snapshot, Serializer serializer) {
        StreamId stream = new StreamId(snapshot.getType(), snapshot.getAggregateIdentifier());
        try {
            Optional<Document> at = streams.findCommitHolding(stream, snapshot.getSequenceNumber(),
                                                              new Document("hash", 1));
            if (at.isEmpty()) {
                log.warn("No commit of {} holds sequence {}; the snapshot is not stored", stream,
                         snapshot.getSequenceNumber());
                return;
            }
            Document document = CommitWriter.eventDocument(snapshot, snapshot.getSequenceNumber(), serializer)
                                            .append("aggregateIdentifier", stream.id())
                                            .append("aggregateType", stream.type())
                                            .append("commitHash", at.get().getString("hash"));
            document.put("_id", stream.key());
            document.put("mac", mac(document));
            snapshots.replaceOne(eq("_id", stream.key()), document, new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            refusal.refuse(e, snapshot);
        }
    }

    private String mac(Document snapshot) {
        Document content = new Document(snapshot);
        content.remove("mac");
        // the server secret keys other digests too; the prefix keeps a snapshot's MAC from ever equalling one of them
        return CommitHash.hmac(key, "event-store snapshot\n" + CommitHash.canonical(content));
    }

    /**
     * The stream's snapshot if it is one this store wrote for the commit that holds its sequence now: its MAC matches
     * its content, and its commit hash the commit's. Anything else is logged, counted and not used.
     */
    Optional<Document> trusted(StreamId stream) {
        Document snapshot = snapshots.find(eq("_id", stream.key())).first();
        if (snapshot == null) {
            return Optional.empty();
        }
        // A snapshot verified before and field for field the same needs no new MAC: a large aggregate's snapshot is
        // not canonicalized on every load. Its commit is looked up every time.
        String problem = !snapshot.equals(verified.get(stream.key()))
                         && !mac(snapshot).equals(snapshot.getString("mac"))
                ? "its content does not match its MAC"
                : !streams.findCommitHolding(stream, snapshot.getLong("sequenceNumber"), new Document("hash", 1))
                          .map(c -> c.getString("hash")).equals(Optional.ofNullable(snapshot.getString("commitHash")))
                ? "it does not match the commit it was taken at" : null;
        if (problem != null) {
            rejected.incrementAndGet();
            log.warn("The snapshot of {} at sequence {} is not used: {}. The aggregate is loaded from its events.",
                     stream, snapshot.get("sequenceNumber"), problem);
            return Optional.empty();
        }
        verified.put(stream.key(), snapshot);
        return Optional.of(snapshot);
    }
}
