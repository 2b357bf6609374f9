package community.platform.command.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import community.platform.shared.audit.IntegrityReport;
import community.platform.shared.audit.Seal;
import community.platform.shared.audit.VerifySealQuery;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrity over every stream, and seals an auditor keeps outside the platform, against direct tampering. */
class HashChainsTest {

    private EmbeddedMongo mongo;
    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private HashChains chains;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.freshDatabase();
        engine = MongoEventStorageEngine.builder().database(database).build();
        engine.ensureIndexes();
        chains = new HashChains(engine);
        for (String stream : List.of("post-1", "post-2", "course-1")) {
            append(stream, 0, 3);
            append(stream, 3, 2);
        }
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void append(String stream, long from, int count) {
        engine.appendEvents(LongStream.range(from, from + count).mapToObj(s -> new GenericDomainEventMessage<>(
                "Note", stream, s, new Noted(stream, "note " + s, BigDecimal.ONE), MetaData.with("actor", "alice")))
                .toList());
    }

    private void tamper(String stream, long commitStart, String field, Object value) {
        database.getCollection(MongoEventStorageEngine.COMMITS)
                .updateOne(Filters.eq("_id", MongoEventStorageEngine.commitId(stream, commitStart)),
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
        assertThat(chains.handle(new VerifySealQuery(kept.position(), kept.digest()))).isTrue();

        tamper("post-2", 3, "events.1.payload.text", "a different note");

        IntegrityReport report = chains.verify();
        assertThat(report.verified()).isFalse();
        assertThat(report.firstBrokenAt()).isEqualTo(
                new IntegrityReport.BrokenLink("post-2", 3, "content does not match its hash"));
        assertThat(chains.handle(new VerifySealQuery(kept.position(), kept.digest()))).isFalse();
    }

    @Test
    void aRewrittenHashDoesNotHideAChangeFromTheSeal() {
        Seal kept = chains.seal(chains.head());
        tamper("post-1", 0, "events.0.payload.text", "rewritten");
        var changed = database.getCollection(MongoEventStorageEngine.COMMITS)
                              .find(Filters.eq("_id", MongoEventStorageEngine.commitId("post-1", 0))).first();
        tamper("post-1", 0, "hash", MongoEventStorageEngine.contentHash(changed));

        assertThat(chains.verify().firstBrokenAt()).isEqualTo(new IntegrityReport.BrokenLink(
                "post-1", 3, "its link to the previous commit does not match"));
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
        database.getCollection(MongoEventStorageEngine.COMMITS)
                .deleteOne(Filters.eq("_id", MongoEventStorageEngine.commitId("course-1", 0)));

        assertThat(chains.verify().firstBrokenAt())
                .isEqualTo(new IntegrityReport.BrokenLink("course-1", 3, "a commit before it is missing"));
    }
}
