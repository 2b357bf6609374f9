package community.platform.command.eventstore;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One stream's hash chain ({@link HashChains#verifyStream}) against direct tampering. */
class StreamChainTest extends EventStoreTest {

    @Test
    void changingAStoredPayloadIsFoundByRecomputingTheChain() {
        engine.appendEvents(events("a", 0, 2));
        engine.appendEvents(events("a", 2, 2));
        engine.appendEvents(events("a", 4, 2));
        assertThat(chains().verifyStream("a")).isEmpty();

        database.getCollection(CommitLog.COMMITS)
                .updateOne(Filters.eq("_id", new StreamId("Note", "a").commitId(2)),
                           Updates.set("events.0.payload.text", "rewritten"));

        assertThat(chains().verifyStream("a")).contains(2L);
    }

    @Test
    void removingACommitBreaksTheChainAtTheNextOne() {
        engine.appendEvents(events("a", 0, 2));
        engine.appendEvents(events("a", 2, 2));
        engine.appendEvents(events("a", 4, 2));

        database.getCollection(CommitLog.COMMITS)
                .deleteOne(Filters.eq("_id", new StreamId("Note", "a").commitId(2)));

        assertThat(chains().verifyStream("a")).isEqualTo(Optional.of(4L));
    }
}
