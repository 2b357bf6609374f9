package community.platform.command.eventstore;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import community.platform.shared.audit.IntegrityReport;
import community.platform.shared.audit.Seal;
import community.platform.shared.audit.SealQuery;
import community.platform.shared.audit.VerifySealQuery;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrity over every stream, and seals an auditor keeps outside the platform, against direct tampering. */
class HashChainsTest extends EventStoreTest {

    private HashChains chains;
    /** Three minutes on: commits written now are older than twice the gap timeout. */
    private final Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3));

    /** Commits written on the system's clock, as the audit's checks compare them with it. */
    @BeforeEach
    void appendThreeStreams() {
        engine = MongoEventStorageEngine.builder().database(database).build();
        engine.ensureIndexes();
        chains = new HashChains(engine, database, Duration.ofSeconds(60), later);
        for (String stream : List.of("post-1", "post-2", "course-1")) {
            append(stream, 0, 3);
            append(stream, 3, 2);
        }
    }

    private void append(String stream, long from, int count) {
        engine.appendEvents(LongStream.range(from, from + count).mapToObj(s -> new GenericDomainEventMessage<>(
                "Note", stream, s, new Noted(stream, "note " + s, BigDecimal.ONE), MetaData.with("actor", "alice")))
                .toList());
    }

    private void tamper(String stream, long commitStart, String field, Object value) {
        database.getCollection(CommitLog.COMMITS)
                .updateOne(Filters.eq("_id", new StreamId("Note", stream).commitId(commitStart)),
                           Updates.set(field, value));
    }

    @Test
    void anUntouchedStoreVerifies() {
        IntegrityReport report = chains.verify();

        assertThat(report.verified()).isTrue();
        assertThat(report.events()).isEqualTo(15);
        assertThat(report.streams()).isEqualTo(3);
        assertThat(report.firstBrokenAt()).isNull();
    }

    @Test
    void aPayloadChangedThroughTheDriverIsReportedAtItsStreamAndSequenceAndBreaksAKeptSeal() {
        Seal kept = chains.seal(chains.head());
        assertThat(chains.handle(new VerifySealQuery(kept.position(), kept.digest())).verified()).isTrue();

        tamper("post-2", 3, "events.1.payload.text", "a different note");

        IntegrityReport report = chains.verify();
        assertThat(report.verified()).isFalse();
        assertThat(report.firstBrokenAt()).isEqualTo(
                new IntegrityReport.BrokenLink("Note:post-2", 3, "content does not match its hash"));
        assertThat(chains.handle(new VerifySealQuery(kept.position(), kept.digest())).verified()).isFalse();
    }

    @Test
    void aRewrittenHashDoesNotHideAChangeFromTheSeal() {
        Seal kept = chains.seal(chains.head());
        tamper("post-1", 0, "events.0.payload.text", "rewritten");
        var changed = database.getCollection(CommitLog.COMMITS)
                              .find(Filters.eq("_id", new StreamId("Note", "post-1").commitId(0))).first();
        tamper("post-1", 0, "hash", CommitHash.of(changed));

        assertThat(chains.verify().firstBrokenAt()).isEqualTo(new IntegrityReport.BrokenLink(
                "Note:post-1", 3, "its link to the previous commit does not match"));
        assertThat(chains.seal(kept.position()).digest()).isNotEqualTo(kept.digest());
    }

    @Test
    void aSealCoversTheHistoryUpToItsPositionOnly() {
        Seal early = chains.seal(9);
        append("post-1", 5, 1);
        append("course-2", 0, 2);

        assertThat(chains.seal(9)).extracting(Seal::digest).isEqualTo(early.digest());
        assertThat(chains.seal(chains.head()).digest()).isNotEqualTo(early.digest());
        assertThat(early.streams()).isEqualTo(2);
    }

    @Test
    void aRemovedCommitIsAMissingLink() {
        database.getCollection(CommitLog.COMMITS)
                .deleteOne(Filters.eq("_id", new StreamId("Note", "course-1").commitId(0)));

        assertThat(chains.verify().firstBrokenAt())
                .isEqualTo(new IntegrityReport.BrokenLink("Note:course-1", 3, "a commit before it is missing"));
    }

    @Test
    void aDeletedTailCommitIsFoundByItsMissingPositions() {
        Document newest = database.getCollection(CommitLog.COMMITS)
                                  .findOneAndDelete(Filters.eq("_id", new StreamId("Note", "post-1").commitId(3)));

        IntegrityReport report = chains.verify();

        assertThat(chains.verifyStream("post-1")).as("the stream's own chain is whole").isEmpty();
        assertThat(report.verified()).isFalse();
        assertThat(report.broken()).extracting(IntegrityReport.BrokenLink::sequence)
                                   .containsExactly(newest.getLong("firstPosition"), newest.getLong("lastPosition"));
        assertThat(report.broken()).allSatisfy(b -> assertThat(b.streamId()).isNull());
    }

    @Test
    void aDeletedLastCommitOfTheWholeLogIsFoundOnceItIsOld() {
        database.getCollection(CommitLog.COMMITS)
                .deleteOne(Filters.eq("_id", new StreamId("Note", "course-1").commitId(3)));

        assertThat(chains.verify().findings()).isEqualTo(2);
    }

    @Test
    void everyBrokenStreamIsReportedNotOnlyTheFirst() {
        tamper("post-1", 0, "events.0.payload.text", "rewritten");
        tamper("course-1", 3, "events.1.payload.text", "rewritten");

        IntegrityReport report = chains.verify();

        assertThat(report.findings()).isEqualTo(2);
        assertThat(report.broken()).extracting(IntegrityReport.BrokenLink::streamId)
                                   .containsExactlyInAnyOrder("Note:post-1", "Note:course-1");
    }

    @Test
    void theCheckContinuesFromTheLastSettledPosition() {
        IntegrityReport first = chains.verify();
        assertThat(first.settledUpTo()).isEqualTo(14);
        append("post-1", 5, 2);

        IntegrityReport next = chains.verify();

        assertThat(next.checkedFrom()).isEqualTo(15);
        assertThat(next.settledUpTo()).isEqualTo(16);
        assertThat(next.events()).isEqualTo(17);
        assertThat(next.streams()).isEqualTo(3);
        assertThat(chains.verify(true).events()).as("a full check counts the same").isEqualTo(17);
    }

    @Test
    void aFindingStaysReportedUntilAFullCheck() {
        tamper("post-2", 0, "events.0.payload.text", "rewritten");
        assertThat(chains.verify().verified()).isFalse();
        append("post-3", 0, 1);

        assertThat(chains.verify().verified()).as("found earlier, still reported").isFalse();
    }

    @Test
    void aSealTakenWhileCommitsAreInFlightVerifiesAfterTheyLand() {
        Document inFlight = engine.writer.prepare(List.of(new GenericDomainEventMessage<>(
                "Note", "post-9", 0, new Noted("post-9", "slow", BigDecimal.ONE))), engine.getEventSerializer());
        append("post-1", 5, 1);
        chains = new HashChains(engine, database, Duration.ofSeconds(60), Clock.systemUTC());

        Seal seal = chains.handle(new SealQuery(null));
        IntegrityReport report = chains.verify();
        assertThat(seal.position()).as("only settled positions are sealed").isEqualTo(14);
        assertThat(report.unsettled()).isEqualTo(1);

        engine.writer.insert(inFlight, null);

        assertThat(chains.handle(new VerifySealQuery(seal.position(), seal.digest())).verified()).isTrue();
        assertThat(chains.verify().settledUpTo()).isEqualTo(16);
    }
}
