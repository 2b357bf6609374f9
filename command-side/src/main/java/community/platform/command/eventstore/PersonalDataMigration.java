package community.platform.command.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import community.platform.command.eventstore.personal.PersonalFields;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.shared.audit.IntegrityReport;
import community.platform.shared.audit.StoreResealedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

/**
 * Encrypts, once, the personal fields a store holds in plain text because they were written before personal fields
 * were encrypted, and seals the hash chains again over the new content.
 * <p>
 * It runs when the platform starts, before anything is written. A store's commits are read in the order of the global
 * log; each event's payload and metadata are read as the current event type, written again with the personal fields
 * encrypted ({@link EventSerialization#serializer(PersonalKeys)}), and only the plain-text values that come back
 * encrypted are put in place: nothing else in the stored event changes. A commit that changed, or that follows one
 * that did in its stream, is linked and hashed again, and keeps the hash it had in {@code resealedFrom}, inside what
 * its new hash covers: a seal kept from before still verifies over those ({@link HashChains}). At the end a {@link
 * StoreResealedEvent} states the seal digest over the same positions before and after. Snapshots are deleted (they
 * held the same plain text, and are taken again).
 * <p>
 * The chains are checked before anything is rewritten, and a store whose chains do not verify is left as it is (said
 * in the log at every start), so the migration cannot hide a change made behind the platform's back. It is safe to
 * stop at any point: the plan (the last position and the digest before) is kept in {@value #STATE}, a rewritten commit
 * is never rewritten again, and the next start continues. One instance runs it; another starting meanwhile waits, and
 * takes over when the first stops renewing its lease.
 */
public final class PersonalDataMigration {

    static final String STATE = "storeMigrations";
    static final String ID = "personal-data";
    static final String STREAM = "personal-data-encrypted";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int WINDOW = 512;
    private static final int HEADS_CACHED = 50_000;
    private static final Logger log = LoggerFactory.getLogger(PersonalDataMigration.class);

    private final MongoEventStorageEngine engine;
    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final HashChains chains;
    private final Serializer plain = EventSerialization.serializer();
    private final Serializer sealing;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    /** Runs after each commit is stored again: a seam for tests that stop the migration there, as a kill would. */
    Runnable afterEachRewrite = () -> {
    };

    public PersonalDataMigration(MongoEventStorageEngine engine, MongoDatabase database, PersonalKeys keys,
                                 HashChains chains, Clock clock) {
        this.engine = engine;
        this.database = database;
        this.state = database.getCollection(STATE);
        this.chains = chains;
        this.sealing = EventSerialization.serializer(keys);
        this.clock = clock;
    }

    /**
     * Runs the migration unless it has run, or waits while another instance runs it.
     *
     * @return what this run recorded; empty when there was nothing to do, or the chains did not verify
     */
    public Optional<StoreResealedEvent> run() {
        long waitingSince = clock.millis();
        while (true) {
            Document current = state.find(eq("_id", ID)).first();
            if (current != null && "DONE".equals(current.getString("status"))) {
                return Optional.empty();
            }
            if (current == null && chains.head() < 0) {
                insert(new Document("_id", ID).append("status", "DONE")); // a new store: written encrypted from the start
                continue;
            }
            Document claimed = current == null ? claimNew()
                    : current.getLong("heartbeat") + LEASE.toMillis() < clock.millis() ? takeOver(current) : null;
            if (claimed != null) {
                return migrate(claimed);
            }
            if (clock.millis() - waitingSince > 30_000) {
                log.info("Waiting for another instance to finish encrypting this store's personal data");
                waitingSince = clock.millis();
            }
            pause();
        }
    }

    private Optional<StoreResealedEvent> migrate(Document plan) {
        if (plan.get("head") == null) {
            IntegrityReport report = chains.verify(true);
            if (!report.verified()) {
                state.deleteOne(and(eq("_id", ID), eq("owner", owner)));
                log.error("This store holds personal data in plain text, written before it was encrypted, but its hash"
                          + " chains do not verify ({} findings, the first: {}). It was left as it is, so that"
                          + " sealing it again cannot hide those changes; see the integrity check.",
                          report.findings(), report.firstBrokenAt());
                return Optional.empty();
            }
            long head = chains.head();
            plan.append("head", head).append("digestBefore", chains.seal(head).digest());
            state.updateOne(and(eq("_id", ID), eq("owner", owner)),
                            combine(set("head", head), set("digestBefore", plan.getString("digestBefore"))));
            log.info("Encrypting the personal data this store holds in plain text, up to position {}", head);
        }
        long head = plan.getLong("head");
        rewriteUpTo(head);
        database.getCollection(Snapshots.SNAPSHOTS).deleteMany(new Document());
        database.getCollection(HashChains.STATE).deleteMany(new Document()); // the next check walks the new chains
        Document counted = state.find(eq("_id", ID)).first();
        StoreResealedEvent done = new StoreResealedEvent(
                head, plan.getString("digestBefore"), chains.seal(head).digest(),
                database.getCollection(CommitLog.COMMITS).countDocuments(exists("resealedFrom")),
                counted.get("fieldsEncrypted", 0L), counted.get("eventsLeftPlain", 0L));
        record(done);
        state.updateOne(eq("_id", ID), set("status", "DONE"));
        log.info("Encrypted {} personal fields in {} commits up to position {}; {} events could not be read and are as"
                 + " they were. Seal digest before {}, after {}: recorded in the log.", done.fieldsEncrypted(),
                 done.commitsRewritten(), head, done.eventsLeftPlain(), done.digestBefore(), done.digestAfter());
        return Optional.of(done);
    }

    /** Every commit up to {@code head} with its plain personal fields encrypted and its link and hash renewed. */
    private void rewriteUpTo(long head) {
        MongoCollection<Document> commits = database.getCollection(CommitLog.COMMITS);
        Map<String, Document> heads = Streams.lruMap(HEADS_CACHED);
        for (long from = 0; from <= head; from += WINDOW) {
            List<Long> window = LongStream.rangeClosed(from, Math.min(head, from + WINDOW - 1)).boxed().toList();
            for (Document commit : engine.commitLog.commitsEndingAt(window)) {
                if (CommitLog.eventsOf(commit).isEmpty()) {
                    continue;
                }
                StreamId stream = StreamId.of(commit);
                Rewrite rewritten = rewritten(commit, previousHash(heads.get(stream.key()), stream, commit));
                if (rewritten != null) {
                    if (commits.replaceOne(and(eq("_id", commit.get("_id")), eq("hash", commit.getString("hash"))),
                                           rewritten.commit()).getMatchedCount() == 0) {
                        throw new IllegalStateException("Commit " + commit.get("_id") + " changed while its personal"
                                                        + " data was being encrypted");
                    }
                    renewLease(rewritten.fields(), rewritten.leftPlain());
                    afterEachRewrite.run();
                }
                heads.put(stream.key(), rewritten == null ? commit : rewritten.commit());
            }
            renewLease(0, 0);
        }
    }

    /** The new hash of the commit before this one in its stream: as this run left it, or as it is stored. */
    private String previousHash(Document cached, StreamId stream, Document commit) {
        long first = commit.getLong("firstSequence");
        if (first == 0) {
            return null;
        }
        if (cached != null && cached.getLong("lastSequence") == first - 1) {
            return cached.getString("hash");
        }
        return engine.streams.commitBefore(stream, first).map(c -> c.getString("hash")).orElse(null);
    }

    /** A commit as it is to be stored again, with how many fields were encrypted and how many events were not read. */
    private record Rewrite(Document commit, int fields, int leftPlain) {
    }

    /** Null when the commit stays as it is: nothing plain, the same link, or rewritten before. */
    private Rewrite rewritten(Document commit, String previousHash) {
        if (commit.containsKey("resealedFrom")) {
            return null;
        }
        int[] counts = new int[2];
        List<Document> events = new ArrayList<>();
        for (Document event : CommitLog.eventsOf(commit)) {
            Document copy = new Document(event);
            copy.put("payload", sealed(event.get("payload"), new SimpleSerializedType(
                    event.getString("payloadType"), event.getString("payloadRevision")), counts));
            copy.put("metaData", sealed(event.get("metaData"), new SimpleSerializedType(MetaData.class.getName(),
                                                                                        null), counts));
            events.add(copy);
        }
        if (counts[0] == 0 && Objects.equals(previousHash, commit.getString("previousHash"))) {
            return null;
        }
        Document renewed = new Document(commit);
        renewed.remove("hash");
        renewed.put("events", events);
        renewed.put("previousHash", previousHash);
        renewed.put("resealedFrom", commit.getString("hash"));
        renewed.put("hashVersion", CommitHash.VERSION);
        renewed.put("hash", CommitHash.of(renewed));
        return new Rewrite(renewed, counts[0], counts[1]);
    }

    /** A stored payload or metadata with its plain personal values encrypted; counts[0] fields, counts[1] unread. */
    private Object sealed(Object stored, SerializedType type, int[] counts) {
        if (!(stored instanceof Document document)) {
            return stored;
        }
        try {
            Object read = plain.deserialize(new SimpleSerializedObject<>(JsonValue.toJson(document), String.class,
                                                                         type));
            if (read instanceof UnknownSerializedType) {
                throw new IllegalStateException("no current class is named " + type.getName());
            }
            return merged(document, JsonValue.toBson(sealing.serialize(read, String.class).getData()), counts);
        } catch (RuntimeException e) {
            counts[1]++;
            log.warn("An event of type {} could not be read to encrypt its personal fields, and is left as it is: {}",
                     type.getName(), e.getMessage());
            return stored;
        }
    }

    /** The stored value, with each plain text that the sealed form holds encrypted at the same place replaced. */
    private static Object merged(Object stored, Object sealed, int[] counts) {
        if (stored instanceof String text && sealed instanceof String ciphertext && !PersonalFields.isSealed(text)
                && PersonalFields.isSealed(ciphertext)) {
            counts[0]++;
            return ciphertext;
        }
        if (stored instanceof Document document && sealed instanceof Document other) {
            Document merged = new Document();
            document.forEach((key, value) -> merged.append(key, merged(value, other.get(key), counts)));
            return merged;
        }
        if (stored instanceof List<?> list && sealed instanceof List<?> other && list.size() == other.size()) {
            List<Object> merged = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                merged.add(merged(list.get(i), other.get(i), counts));
            }
            return merged;
        }
        return stored;
    }

    /** The event that states the step, once: a second attempt finds the stream's first commit taken. */
    private void record(StoreResealedEvent done) {
        try {
            engine.appendEvents(List.of(new GenericDomainEventMessage<>("EventStore", STREAM, 0, done,
                                                                        MetaData.with("actor", "platform"))));
        } catch (RuntimeException e) {
            if (engine.streams.resolve(STREAM).isEmpty()) {
                throw e;
            }
        }
    }

    private Document claimNew() {
        Document claim = new Document("_id", ID).append("status", "RUNNING").append("owner", owner)
                                                .append("heartbeat", clock.millis());
        return insert(claim) ? claim : null;
    }

    /** Takes over a run whose instance stopped renewing its lease, with its plan. */
    private Document takeOver(Document lapsed) {
        log.warn("The instance that was encrypting this store's personal data stopped; this one continues its work");
        return state.findOneAndUpdate(and(eq("_id", ID), eq("owner", lapsed.get("owner")),
                                          eq("heartbeat", lapsed.get("heartbeat"))),
                                      combine(set("owner", owner), set("heartbeat", clock.millis())),
                                      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    private void renewLease(int fields, int leftPlain) {
        if (state.updateOne(and(eq("_id", ID), eq("owner", owner)),
                            combine(set("heartbeat", clock.millis()), inc("fieldsEncrypted", (long) fields),
                                    inc("eventsLeftPlain", (long) leftPlain))).getMatchedCount() == 0) {
            throw new IllegalStateException("Another instance took over encrypting this store's personal data");
        }
    }

    private boolean insert(Document document) {
        try {
            state.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another instance's migration", e);
        }
    }
}
