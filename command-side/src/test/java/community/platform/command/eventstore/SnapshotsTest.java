package community.platform.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots: the latest is kept, and only one this store wrote for the commit it names is used. */
class SnapshotsTest extends EventStoreTest {

    @Test
    void keepsTheLatestSnapshot() {
        assertThat(engine.readSnapshot("a")).isEmpty();
        engine.appendEvents(events("a", 0, 10));

        engine.storeSnapshot(new GenericDomainEventMessage<>("Note", "a", 4, new Noted("a", "state at 4", EXACT)));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Note", "a", 9, new Noted("a", "state at 9", EXACT)));

        DomainEventMessage<?> snapshot = engine.readSnapshot("a").orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(9);
        assertThat(snapshot.getPayload()).isEqualTo(new Noted("a", "state at 9", EXACT));
    }


    @Test
    void aSnapshotAtASequenceNoCommitHoldsIsNotStored() {
        engine.appendEvents(events("a", 0, 2));

        engine.storeSnapshot(new GenericDomainEventMessage<>("Note", "a", 5, new Noted("a", "state at 5", EXACT)));

        assertThat(database.getCollection(Snapshots.SNAPSHOTS).countDocuments()).isZero();
        assertThat(engine.readSnapshot("a")).isEmpty();
    }

    @Test
    void aSnapshotMadeUnderAnotherKeyIsNotUsedAndIsCounted() {
        byte[] key = "the server secret of 32 bytes...".getBytes(StandardCharsets.UTF_8);
        engine = engine(MongoEventStorageEngine.builder().snapshotKey(key));
        engine.appendEvents(events("a", 0, 3));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Note", "a", 2, new Noted("a", "state at 2", EXACT)));

        MongoEventStorageEngine otherKey = engine(MongoEventStorageEngine.builder()
                                                          .snapshotKey("another secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(otherKey.readSnapshot("a")).isEmpty();
        assertThat(otherKey.rejectedSnapshots()).isEqualTo(1);
        assertThat(sequences(otherKey.readEvents("Note", "a"))).as("loaded from its events").containsExactly(0L, 1L, 2L);

        MongoEventStorageEngine sameKey = engine(MongoEventStorageEngine.builder().snapshotKey(key));
        assertThat(sequences(sameKey.readEvents("Note", "a"))).as("loaded from the snapshot").containsExactly(2L);
        assertThat(sameKey.rejectedSnapshots()).isZero();
    }
}
