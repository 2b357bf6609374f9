package community.platform.command.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import community.platform.shared.audit.CheckIntegrityQuery;
import community.platform.shared.audit.IntegrityReport;
import community.platform.shared.audit.Seal;
import community.platform.shared.audit.SealCheck;
import community.platform.shared.audit.StoreResealedEvent;
import community.platform.shared.audit.SealQuery;
import community.platform.shared.audit.StreamVerification;
import community.platform.shared.audit.VerifySealQuery;
import community.platform.shared.audit.VerifyStreamQuery;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static com.mongodb.client.model.Filters.eq;

/**
 * The hash chains: one stream's chain ({@link #verifyStream}), and the audit's checks over the whole log, every stream's
 * chain and every global position accounted for, and seals over it.
 * <p>
 * Each commit stores {@code previousHash}, the hash of the stream's previous commit, and {@code hash} ({@link
 * CommitHash}), written by {@link CommitWriter}; a changed payload or a removed commit breaks the chain.
 * <p>
 * Global positions are handed out one per event, with no holes but void markers (a failed commit's, or one a reader
 * gave up on), so a position that nothing holds once the commits after it are older than twice the gap timeout is
 * evidence that a commit was removed: by then a writer still holding it would have been fenced off by the readers. A
 * younger one is a commit on its way ("unsettled"); checks and seals stop before it.
 * <p>
 * The integrity check continues where the last one settled ({@value #STATE}), so its work is what was written since;
 * a full check walks everything again. Its memory is bounded: a cache of stream heads (a miss reads the previous commit
 * from the store), the unsettled positions, and the findings, which are kept in {@value #FINDINGS} and listed up to
 * {@link IntegrityReport#LISTED}.
 */
class HashChains {

    static final String STATE = "integrityChecks";
    static final String FINDINGS = "integrityFindings";
    private static final int HEADS_CACHED = 50_000;
    private static final int OPEN_POSITIONS_KEPT = 100_000;
    /** Reads the platform's own records in the log, which hold no personal data. */
    private static final Serializer RECORDS = EventSerialization.serializer();

    private final CommitLog commitLog;
    private final Streams streamReads;
    private final MongoCollection<Document> state;
    private final MongoCollection<Document> findings;
    private final Duration settleTime;
    private final Clock clock;

    public HashChains(MongoEventStorageEngine engine, MongoDatabase database, Duration gapTimeout, Clock clock) {
        this.commitLog = engine.commitLog;
        this.streamReads = engine.streams;
        this.state = database.getCollection(STATE);
        this.findings = database.getCollection(FINDINGS);
        this.settleTime = gapTimeout.multipliedBy(2);
        this.clock = clock;
    }

    @QueryHandler
    public IntegrityReport handle(CheckIntegrityQuery query) {
        return verify(query.fromStart());
    }

    @QueryHandler
    public Seal handle(SealQuery query) {
        long settled = verify(false).settledUpTo();
        return seal(query.position() == null ? settled : Math.min(query.position(), settled));
    }

    /**
     * Whether a seal an auditor kept matches the log as it is. A seal taken before the personal data was encrypted in
     * place ({@link PersonalDataMigration}) is matched against the hashes the rewritten commits keep from before, which
     * no one can compute again from the ciphertext: it holds when those give both the seal and the digest the step
     * recorded before, and the log as it is still gives the digest it recorded after. The answer names that position
     * and digest, which a seal kept after the step must confirm (anyone who can rewrite the store can rewrite the
     * step's record too).
     */
    @QueryHandler
    public SealCheck handle(VerifySealQuery query) {
        String digest = query.digest().strip();
        if (query.position() > head()) {
            return SealCheck.of(false);
        }
        if (seal(query.position()).digest().equalsIgnoreCase(digest)) {
            return SealCheck.of(true);
        }
        return resealed().filter(step -> query.position() <= step.position())
                         .filter(step -> seal(step.position()).digest().equals(step.digestAfter()))
                         .filter(step -> seal(step.position(), true).digest().equals(step.digestBefore()))
                         .filter(step -> seal(query.position(), true).digest().equalsIgnoreCase(digest))
                         .map(step -> new SealCheck(true, step.position(), step.digestAfter()))
                         .orElse(SealCheck.of(false));
    }

    /** The event that recorded the store's personal data encrypted in place, if it was. */
    private Optional<StoreResealedEvent> resealed() {
        return streamReads.findWindow(new StreamId(PersonalDataMigration.TYPE, PersonalDataMigration.STREAM), 0, null)
                          .stream().findFirst()
                          .map(commit -> CommitLog.eventsOf(commit).get(0))
                          .filter(event -> StoreResealedEvent.class.getName().equals(event.getString("payloadType")))
                          .map(event -> RECORDS.deserialize(new SimpleSerializedObject<>(
                                  JsonValue.toJson(event.get("payload")), String.class, StoreResealedEvent.class.getName(),
                                  null)));
    }

    @QueryHandler
    public StreamVerification handle(VerifyStreamQuery query) {
        return verifyStream(query.streamId()).map(StreamVerification::brokenAt).orElseGet(StreamVerification::holds);
    }

    /**
     * Checks the hash chain of the stream an id names ({@link Streams#resolve}).
     *
     * @return the first sequence number of the first commit whose hash or link does not match its content, or empty
     * when the whole stream verifies
     */
    public Optional<Long> verifyStream(String aggregateIdentifier) {
        return streamReads.resolve(aggregateIdentifier).flatMap(this::verifyStream);
    }

    private Optional<Long> verifyStream(StreamId stream) {
        String expectedPrevious = null;
        long expectedFirst = 0;
        for (long window = 0; ; window = expectedFirst) {
            for (Document commit : streamReads.findWindow(stream, window, null)) {
                if (Streams.firstSequence(commit) != expectedFirst
                        || !Objects.equals(expectedPrevious, commit.getString("previousHash"))
                        || !CommitHash.of(commit).equals(commit.getString("hash"))) {
                    return Optional.of(Streams.firstSequence(commit));
                }
                expectedFirst = commit.getLong("lastSequence") + 1;
                expectedPrevious = commit.getString("hash");
            }
            if (expectedFirst < window + streamReads.batchSize()) {
                return Optional.empty();
            }
        }
    }

    /** Continues from the last settled position. */
    public IntegrityReport verify() {
        return verify(false);
    }

    public IntegrityReport verify(boolean fromStart) {
        if (fromStart) {
            findings.deleteMany(new Document());
            state.deleteMany(new Document());
        }
        Document checkpoint = Optional.ofNullable(state.find(eq("_id", "checkpoint")).first())
                                      .orElse(new Document("settledUpTo", -1L).append("events", 0L)
                                                                                .append("streams", 0L));
        long start = checkpoint.getLong("settledUpTo");
        Check check = new Check();
        long head = commitLog.headPosition() - 1;
        long read = head;
        for (long from = start + 1; from <= head; from += CommitLog.WINDOW) {
            List<Long> window = LongStream.rangeClosed(from, Math.min(head, from + CommitLog.WINDOW - 1)).boxed()
                                          .toList();
            window.forEach(p -> check.open.put(p, null));
            for (Document commit : commitLog.commitsEndingAt(window)) {
                check.add(commit);
            }
            if (check.open.size() > OPEN_POSITIONS_KEPT) {
                record(null, check.open.firstKey(), "more than " + OPEN_POSITIONS_KEPT + " positions in a row are"
                        + " empty; the check stopped here");
                read = check.open.firstKey() - 1;
                check.open.clear();
                break;
            }
        }
        long settled = check.settle(start, read);
        long events = checkpoint.getLong("events") + check.events;
        long streams = checkpoint.getLong("streams") + check.streams;
        try {
            // only if no other check moved the checkpoint meanwhile: its counts already hold what this one read
            state.replaceOne(Filters.and(eq("_id", "checkpoint"), eq("settledUpTo", start)),
                             new Document("_id", "checkpoint").append("settledUpTo", settled).append("events", events)
                                                              .append("streams", streams),
                             new ReplaceOptions().upsert(start < 0));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        List<IntegrityReport.BrokenLink> listed = new ArrayList<>();
        findings.find().limit(IntegrityReport.LISTED).forEach(f -> listed.add(
                new IntegrityReport.BrokenLink(f.getString("streamId"), f.getLong("sequence"), f.getString("reason"))));
        long found = listed.size() < IntegrityReport.LISTED ? listed.size() : findings.countDocuments();
        return new IntegrityReport(found == 0, events, streams, listed.isEmpty() ? null : listed.get(0), found,
                                   listed, start + 1, settled, check.unsettled, check.unmarked);
    }

    /** One walk's state: stream heads (cached), positions nothing holds yet, what it counted. */
    private final class Check {
        /** Position -> when the first commit after it was written (null until one is seen). */
        final TreeMap<Long, Instant> open = new TreeMap<>();
        final Map<String, Head> heads = Streams.lruMap(HEADS_CACHED);
        long events;
        long streams;
        long unsettled;
        long unmarked;

        void add(Document commit) {
            long first = commit.getLong("firstPosition");
            long last = commit.getLong("lastPosition");
            open.subMap(first, true, last, true).clear();
            List<Document> commitEvents = CommitLog.eventsOf(commit);
            if (commitEvents.isEmpty()) {
                return;
            }
            Instant written = Instant.parse(commitEvents.get(0).getString("timestamp"));
            open.headMap(first).replaceAll((position, laterAt) -> laterAt == null ? written : laterAt);
            verifyLink(commit);
            events += commitEvents.size();
        }

        private void verifyLink(Document commit) {
            StreamId stream = StreamId.of(commit);
            long first = commit.getLong("firstSequence");
            if (first == 0) {
                streams++;
            }
            Head previous = heads.get(stream.key());
            if (first > 0 && (previous == null || previous.lastSequence() != first - 1)) {
                previous = streamReads.commitBefore(stream, first)
                                     .map(c -> new Head(c.getLong("lastSequence"), c.getString("hash"))).orElse(null);
            }
            String problem = !CommitHash.of(commit).equals(commit.getString("hash")) ? "content does not match its hash"
                    : first > 0 && previous == null ? "a commit before it is missing"
                    : !Objects.equals(commit.getString("previousHash"), previous == null ? null : previous.hash())
                    ? "its link to the previous commit does not match" : null;
            if (problem != null) {
                record(stream.toString(), first, problem);
            }
            heads.put(stream.key(), new Head(commit.getLong("lastSequence"), commit.getString("hash")));
        }

        /**
         * Sorts the positions nothing holds into evidence (recorded) and commits on their way; returns the last
         * position before the first of those, up to which everything is now verified.
         */
        long settle(long start, long head) {
            Instant now = clock.instant();
            Instant lastHandedOut = commitLog.lastReservation();
            long settled = head;
            for (Map.Entry<Long, Instant> empty : open.entrySet()) {
                Instant laterAt = empty.getValue() != null ? empty.getValue() : lastHandedOut;
                if (empty.getKey() < commitLog.markedFrom()) {
                    unmarked++;
                } else if (laterAt != null && laterAt.plus(settleTime).isBefore(now)) {
                    record(null, empty.getKey(), "no commit or void marker holds this global position: a commit"
                            + " was removed");
                } else {
                    unsettled++;
                    settled = Math.min(settled, empty.getKey() - 1);
                }
            }
            return Math.max(settled, start);
        }
    }

    /** Keeps a finding once: the first time it was found stays. */
    private void record(String stream, long sequence, String reason) {
        String id = stream == null ? "position:" + sequence : "stream:" + stream;
        findings.updateOne(eq("_id", id), Updates.combine(Updates.setOnInsert("streamId", stream),
                                                          Updates.setOnInsert("sequence", sequence),
                                                          Updates.setOnInsert("reason", reason),
                                                          Updates.setOnInsert("foundAt", clock.millis())),
                           new UpdateOptions().upsert(true));
    }

    private record Head(long lastSequence, String hash) {
    }

    /** A stream's last commit so far in a seal's walk: its label, sequence, and a running hash over its hashes. */
    private record SealHead(String label, long lastSequence, String running) {
    }

    /**
     * A SHA-256 over every stream's running hash as of {@code position}: any change to any stored commit up to there,
     * its removal, or a commit inserted, gives another digest. A stream is named in it by its first commit's id
     * without the sequence, so seals taken before streams carried their type verify as they did.
     */
    public Seal seal(long position) {
        return seal(position, false);
    }

    /** The seal, over the hashes commits had before they were sealed again ({@code resealedFrom}) if {@code asBefore}. */
    Seal seal(long position, boolean asBefore) {
        Map<String, SealHead> heads = new HashMap<>();
        commitLog.forEachCommitUpTo(position, commit -> {
            String key = StreamId.of(commit).key();
            SealHead previous = heads.get(key);
            String id = commit.getString("_id");
            heads.put(key, new SealHead(previous == null ? id.substring(0, id.lastIndexOf('#')) : previous.label(),
                                        commit.getLong("lastSequence"),
                                        CommitHash.sha256((previous == null ? "" : previous.running())
                                                                  + (asBefore && commit.containsKey("resealedFrom")
                                                                     ? commit.getString("resealedFrom")
                                                                     : CommitHash.of(commit)))));
        });
        StringBuilder lines = new StringBuilder();
        heads.values().stream().sorted(Comparator.comparing(SealHead::label))
             .forEach(head -> lines.append(head.label()).append('\t').append(head.lastSequence()).append('\t')
                                   .append(head.running()).append('\n'));
        return new Seal(position, CommitHash.sha256(lines.toString()), heads.size(),
                        GenericEventMessage.clock.instant());
    }

    /** The last position handed out (-1 on an empty store). */
    public long head() {
        return commitLog.headPosition() - 1;
    }
}
