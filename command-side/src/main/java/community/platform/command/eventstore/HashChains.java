package community.platform.command.eventstore;

import community.platform.shared.audit.CheckIntegrityQuery;
import community.platform.shared.audit.IntegrityReport;
import community.platform.shared.audit.Seal;
import community.platform.shared.audit.SealQuery;
import community.platform.shared.audit.VerifySealQuery;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Every stream's hash chain, walked in the order of the global log up to a position: each commit's hash is recomputed
 * from its content and its link checked against the stream's previous commit. Memory grows with the number of
 * streams (one head each), not with the number of events.
 */
public class HashChains {

    /** Positions asked for at once: {@code lastPosition $in} a window, as the tracking reads do. */
    private static final int WINDOW = 512;

    private final MongoEventStorageEngine engine;

    public HashChains(MongoEventStorageEngine engine) {
        this.engine = engine;
    }

    /** A stream's last commit so far: its sequence, stored hash, and a running hash over all its recomputed hashes. */
    private record Head(long lastSequence, String storedHash, String running) {
    }

    private record Walk(long events, Map<String, Head> heads, IntegrityReport.BrokenLink broken) {
    }

    @QueryHandler
    public IntegrityReport handle(CheckIntegrityQuery query) {
        return verify();
    }

    @QueryHandler
    public Seal handle(SealQuery query) {
        return seal(query.position() == null ? head() : query.position());
    }

    @QueryHandler
    public Boolean handle(VerifySealQuery query) {
        return query.position() <= head() && seal(query.position()).digest().equalsIgnoreCase(query.digest().strip());
    }

    public IntegrityReport verify() {
        Walk walk = walk(engine.headPosition() - 1, true);
        return new IntegrityReport(walk.broken() == null, walk.events(), walk.heads().size(), walk.broken());
    }

    /**
     * A SHA-256 over every stream's running hash as of {@code position}: any change to any stored commit up to there,
     * its removal, or a commit inserted, gives another digest.
     */
    public Seal seal(long position) {
        Walk walk = walk(position, false);
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(walk.heads()).forEach((stream, head) -> lines.append(stream).append('\t')
                .append(head.lastSequence()).append('\t').append(head.running()).append('\n'));
        return new Seal(position, CommitHash.of(lines.toString()), walk.heads().size(),
                        GenericEventMessage.clock.instant());
    }

    /** The last position handed out (-1 on an empty store). */
    public long head() {
        return engine.headPosition() - 1;
    }

    private Walk walk(long upTo, boolean stopAtBreak) {
        Map<String, Head> heads = new HashMap<>();
        long events = 0;
        IntegrityReport.BrokenLink broken = null;
        for (long from = 0; from <= upTo; from += WINDOW) {
            List<Long> window = LongStream.rangeClosed(from, Math.min(upTo, from + WINDOW - 1)).boxed().toList();
            for (Document commit : engine.commitsEndingAt(window)) {
                String stream = commit.getString("aggregateIdentifier");
                long first = commit.getLong("firstSequence");
                Head previous = heads.get(stream);
                String recomputed = MongoEventStorageEngine.contentHash(commit);
                String problem = !recomputed.equals(commit.getString("hash")) ? "content does not match its hash"
                        : first != (previous == null ? 0 : previous.lastSequence() + 1) ? "a commit before it is missing"
                        : !Objects.equals(commit.getString("previousHash"), previous == null ? null
                                                                                       : previous.storedHash())
                                ? "its link to the previous commit does not match" : null;
                if (problem != null && broken == null) {
                    broken = new IntegrityReport.BrokenLink(stream, first, problem);
                    if (stopAtBreak) {
                        return new Walk(events, heads, broken);
                    }
                }
                heads.put(stream, new Head(commit.getLong("lastSequence"), commit.getString("hash"),
                                           CommitHash.of((previous == null ? "" : previous.running()) + recomputed)));
                events += commit.getLong("lastSequence") - first + 1;
            }
        }
        return new Walk(events, heads, broken);
    }
}
