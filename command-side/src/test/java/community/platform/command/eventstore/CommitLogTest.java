package community.platform.command.eventstore;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The global log: positions handed out, void markers, the indexes and the store's format. */
class CommitLogTest extends EventStoreTest {

    @Test
    void startUpFailsClearlyWhenTheIndexesCannotBeMade() {
        MongoDatabase damaged = mongo.freshDatabase();
        damaged.getCollection(CommitLog.COMMITS)
               .insertMany(List.of(new Document("lastPosition", 1L), new Document("lastPosition", 1L)));
        MongoEventStorageEngine onDamagedStore = MongoEventStorageEngine.builder().database(damaged).build();

        assertThatThrownBy(onDamagedStore::ensureIndexes)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Could not create the event store's indexes");
    }


    @Test
    void handsOutPositionsOnePerEventInOrderAndNotesWhen() {
        CommitLog log = new CommitLog(database, false, clock);
        log.open();
        assertThat(log.headPosition()).isZero();
        assertThat(log.lastReservation()).isNull();

        assertThat(log.reservePositions(3)).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(log.reservePositions(2)).isEqualTo(3);

        assertThat(log.headPosition()).isEqualTo(5);
        assertThat(log.lastReservation()).isEqualTo(clock.instant());
    }

    @Test
    void aVoidMarkerTakesItsPositionOnceAndNoCommitCanEndThereAfterIt() {
        CommitLog log = new CommitLog(database, false, clock);
        log.open();

        assertThat(log.insertMarker(marker("gap:4", 4))).isTrue();
        assertThat(log.insertMarker(marker("void:4", 4))).as("the position is taken").isFalse();
        assertThatThrownBy(() -> database.getCollection(CommitLog.COMMITS)
                                         .insertOne(marker("Note:a#0", 4).append("events", List.of(new Document()))))
                .isInstanceOf(MongoWriteException.class);
        assertThat(log.commitsEndingAt(List.of(3L, 4L, 5L))).extracting(c -> c.getString("_id"))
                                                            .containsExactly("gap:4");
    }

    @Test
    void aStoreWrittenBeforeItsFormatWasKeptReadsOldNamesAndCountsMarkedPositionsFromItsHead() {
        CommitLog fresh = new CommitLog(mongo.freshDatabase(), false, clock);
        assertThat(fresh.open().legacyIds()).isFalse();
        assertThat(fresh.markedFrom()).isZero();

        MongoDatabase written = mongo.freshDatabase();
        written.getCollection(CommitLog.COMMITS).insertOne(marker("a#0", 6).append("firstPosition", 0L));
        written.getCollection(CommitLog.COUNTERS).insertOne(new Document("_id", "position").append("next", 7L));
        CommitLog old = new CommitLog(written, false, clock);

        assertThat(old.open().legacyIds()).isTrue();
        assertThat(old.markedFrom()).isEqualTo(7);
        old.reservePositions(3);
        CommitLog reopened = new CommitLog(written, false, clock);
        assertThat(reopened.open().legacyIds()).as("kept").isTrue();
        assertThat(reopened.markedFrom()).as("kept").isEqualTo(7);
    }

    private static Document marker(String id, long position) {
        return new Document("_id", id).append("firstPosition", position).append("lastPosition", position)
                                      .append("events", List.of());
    }
}
