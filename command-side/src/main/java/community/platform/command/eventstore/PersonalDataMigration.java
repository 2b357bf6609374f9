package community.platform.command.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import community.platform.command.eventstore.personal.PersonalFields;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.shared.audit.IntegrityReport;
import community.platform.shared.audit.StoreResealedEvent;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.Subjects;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
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
    static final String TYPE = "EventStore";
    static final String STREAM = "personal-data-encrypted";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int HEADS_CACHED = 50_000;
    private static final Logger log = LoggerFactory.getLogger(PersonalDataMigration.class);

    private final MongoEventStorageEngine engine;
    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final HashChains chains;
    private final Serializer plain = EventSerialization.serializer();
    private final PersonalKeys keys;
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
        this.keys = keys;
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
            IntegrityReport report = chains.verify();
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
        rewriteUpTo(head, keys.forgetting(erasedSubjects(head)));
        engine.streams.forgetHeads();
        database.getCollection(Snapshots.SNAPSHOTS).deleteMany(new Document());
        database.getCollection(HashChains.STATE).deleteMany(new Document()); // the next check walks the new chains
        long fields = 0;
        long commits = 0;
        for (Document rewritten : database.getCollection(CommitLog.COMMITS).find(exists("resealedFrom"))
                                          .projection(new Document("resealedFields", 1))) {
            fields += rewritten.getInteger("resealedFields", 0);
            commits++;
        }
        List<?> leftPlain = state.find(eq("_id", ID)).first().get("eventsLeftPlain", List.class);
        StoreResealedEvent done = new StoreResealedEvent(head, plan.getString("digestBefore"),
                                                         chains.seal(head).digest(), commits, fields,
                                                         leftPlain == null ? 0 : leftPlain.size());
        record(done);
        state.updateOne(eq("_id", ID), set("status", "DONE"));
        log.info("Encrypted {} personal fields in {} commits up to position {}; {} events could not be read and are as"
                 + " they were. Seal digest before {}, after {}: recorded in the log.", done.fieldsEncrypted(),
                 done.commitsRewritten(), head, done.eventsLeftPlain(), done.digestBefore(), done.digestAfter());
        return Optional.of(done);
    }

    /** Every commit up to {@code head} that holds events, in the order of the global log, renewing the lease. */
    private void forEachCommitUpTo(long head, Consumer<Document> each) {
        long[] seen = {0};
        engine.commitLog.forEachCommitUpTo(head, commit -> {
            each.accept(commit);
            if (++seen[0] % CommitLog.WINDOW == 0) {
                renewLease();
            }
        });
        renewLease();
    }

    /**
     * Whose data was erased up to {@code head}: what was written of theirs in plain text before is sealed under a key
     * that is never kept, so it reads as erased, and a key they were given since is not used for it.
     */
    private Set<String> erasedSubjects(long head) {
        Map<String, String> childOfRequest = new HashMap<>();
        Set<String> erased = new HashSet<>();
        forEachCommitUpTo(head, commit -> CommitLog.eventsOf(commit).forEach(event -> {
            Document payload = event.get("payload", Document.class);
            String type = event.getString("payloadType");
            if (payload == null) {
                return;
            }
            if (ErasureRequestedEvent.class.getName().equals(type) && payload.getString("childId") != null) {
                childOfRequest.put(payload.getString("requestId"), payload.getString("childId"));
            } else if (PersonalDataErasedEvent.class.getName().equals(type)) {
                String requestId = payload.getString("requestId");
                if (ErasureSubject.ACCOUNT.name().equals(payload.getString("subject"))) {
                    erased.add(Subjects.person(payload.getString("username")));
                } else if (requestId.startsWith("retention-") && requestId.indexOf('@') > 0) {
                    erased.add(Subjects.child(requestId.substring("retention-".length(), requestId.indexOf('@'))));
                } else if (childOfRequest.containsKey(requestId)) {
                    erased.add(Subjects.child(childOfRequest.get(requestId)));
                }
            }
        }));
        return erased;
    }

    /** Every commit up to {@code head} with its plain personal fields encrypted and its link and hash renewed. */
    private void rewriteUpTo(long head, PersonalKeys keys) {
        Serializer sealing = EventSerialization.serializer(keys);
        MongoCollection<Document> commits = database.getCollection(CommitLog.COMMITS);
        Map<String, Document> heads = Streams.lruMap(HEADS_CACHED);
        forEachCommitUpTo(head, commit -> {
            StreamId stream = StreamId.of(commit);
            Document rewritten = rewritten(commit, previousHash(heads.get(stream.key()), stream, commit), sealing);
            if (rewritten != null) {
                if (commits.replaceOne(and(eq("_id", commit.get("_id")), eq("hash", commit.getString("hash"))),
                                       rewritten).getMatchedCount() == 0) {
                    throw new IllegalStateException("Commit " + commit.get("_id") + " changed while its personal"
                                                    + " data was being encrypted");
                }
                afterEachRewrite.run();
            }
            heads.put(stream.key(), rewritten == null ? commit : rewritten);
        });
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

    /**
     * The commit as it is to be stored again, with how many fields it encrypted ({@code resealedFields}) and the hash
     * it had ({@code resealedFrom}); null when it stays as it is: nothing plain, the same link, or rewritten before.
     */
    private Document rewritten(Document commit, String previousHash, Serializer sealing) {
        if (commit.containsKey("resealedFrom")) {
            return null;
        }
        int[] fields = new int[1];
        List<Document> events = new ArrayList<>();
        for (Document event : CommitLog.eventsOf(commit)) {
            Document copy = new Document(event);
            String id = event.getString("eventIdentifier");
            copy.put("payload", sealed(id, event.get("payload"), new SimpleSerializedType(
                    event.getString("payloadType"), event.getString("payloadRevision")), sealing, fields));
            copy.put("metaData", sealed(id, event.get("metaData"), new SimpleSerializedType(
                    MetaData.class.getName(), null), sealing, fields));
            events.add(copy);
        }
        if (fields[0] == 0 && Objects.equals(previousHash, commit.getString("previousHash"))) {
            return null;
        }
        Document renewed = new Document(commit);
        renewed.remove("hash");
        renewed.put("events", events);
        renewed.put("previousHash", previousHash);
        renewed.put("resealedFrom", commit.getString("hash"));
        renewed.put("resealedFields", fields[0]);
        renewed.put("hashVersion", CommitHash.VERSION);
        renewed.put("hash", CommitHash.of(renewed));
        return renewed;
    }

    /**
     * A stored payload or metadata with its plain personal values encrypted (counted in {@code fields}). One that no
     * current type reads, or that cannot be sealed (no subject), is left as it is and its event noted; a store that
     * fails stops the run, which the next start continues.
     */
    private Object sealed(String eventId, Object stored, SerializedType type, Serializer sealing, int[] fields) {
        if (!(stored instanceof Document document)) {
            return stored;
        }
        try {
            Object read = plain.deserialize(new SimpleSerializedObject<>(JsonValue.toJson(document), String.class,
                                                                         type));
            if (read instanceof UnknownSerializedType) {
                throw new IllegalStateException("no current class is named " + type.getName());
            }
            return merged(document, JsonValue.toBson(sealing.serialize(read, String.class).getData()), fields);
        } catch (MongoException e) {
            throw e;
        } catch (RuntimeException e) {
            state.updateOne(eq("_id", ID), addToSet("eventsLeftPlain", eventId));
            log.warn("Event {} ({}) could not be read to encrypt its personal fields, and is left as it is: {}",
                     eventId, type.getName(), e.getMessage());
            return stored;
        }
    }

    /** The stored value, with each plain text that the sealed form holds encrypted at the same place replaced. */
    private static Object merged(Object stored, Object sealed, int[] fields) {
        if (stored instanceof String text && sealed instanceof String ciphertext && !PersonalFields.isSealed(text)
                && PersonalFields.isSealed(ciphertext)) {
            fields[0]++;
            return ciphertext;
        }
        if (stored instanceof Document document && sealed instanceof Document other) {
            Document merged = new Document();
            document.forEach((key, value) -> merged.append(key, merged(value, other.get(key), fields)));
            return merged;
        }
        if (stored instanceof List<?> list && sealed instanceof List<?> other && list.size() == other.size()) {
            List<Object> merged = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                merged.add(merged(list.get(i), other.get(i), fields));
            }
            return merged;
        }
        return stored;
    }

    /** The event that states the step, once: a second attempt finds the stream's first commit taken. */
    private void record(StoreResealedEvent done) {
        try {
            engine.appendEvents(List.of(new GenericDomainEventMessage<>(TYPE, STREAM, 0, done,
                                                                        MetaData.with("actor", "platform"))));
        } catch (RuntimeException e) {
            if (engine.streams.findWindow(new StreamId(TYPE, STREAM), 0, null).isEmpty()) {
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

    private void renewLease() {
        if (state.updateOne(and(eq("_id", ID), eq("owner", owner)), set("heartbeat", clock.millis()))
                 .getMatchedCount() == 0) {
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
