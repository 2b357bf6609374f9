package community.platform.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appending: one document per commit, optimistic concurrency on the commit id, and inserts whose answer was an
 * error. */
class CommitWriterTest extends EventStoreTest {

    @Test
    void readsMultiEventCommitsBackInOrderWithPayloadAndMetaData() {
        engine.appendEvents(events("a", 0, 3));
        engine.appendEvents(events("a", 3, 2));

        List<? extends DomainEventMessage<?>> read = engine.readEvents("a").asStream().toList();

        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(read.get(3).getPayload()).isEqualTo(new Noted("a", "note 3", EXACT));
        assertThat(read.get(3).getMetaData()).containsEntry("actor", "alice");
        assertThat(read.get(3).getType()).isEqualTo("Note");
        assertThat(database.getCollection(CommitLog.COMMITS).countDocuments())
                .as("one document per commit").isEqualTo(2);
    }

    @Test
    void storesPayloadsAsDocumentsAToolCanRead() {
        engine.appendEvents(events("a", 0, 1));

        Document commit = database.getCollection(CommitLog.COMMITS).find().first();
        Document event = commit.getList("events", Document.class).get(0);

        assertThat(event.get("payload", Document.class).getString("text")).isEqualTo("note 0");
        assertThat(event.get("metaData", Document.class).getString("actor")).isEqualTo("alice");
    }

    @Test
    void rejectsAConflictingAppendAndKeepsNothingOfIt() {
        engine.appendEvents(events("a", 0, 2));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1, "the loser"), event("a", 2, "the loser")))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(texts(engine.readEvents("a"))).containsExactly("note 0", "note 1");
    }

    @Test
    void anotherInstanceAppendsOntoTheStoredHeadAndKeepsTheChain() {
        for (long seq = 0; seq < 150; seq++) {
            engine.appendEvents(events("a", seq, 1));
        }
        MongoEventStorageEngine other = engine(MongoEventStorageEngine.builder());

        other.appendEvents(events("a", 150, 2));
        assertThatThrownBy(() -> other.appendEvents(events("a", 149, 1))).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(events("a", 150, 1))).isInstanceOf(ConcurrencyException.class);

        assertThat(sequences(engine.readEvents("a"))).containsExactlyElementsOf(range(0, 152));
        assertThat(chains().verifyStream("a")).isEmpty();
    }

    @Test
    void refusesToCreateAStreamThatAlreadyExists() {
        engine.appendEvents(events("a", 0, 1));

        assertThatThrownBy(() -> engine.appendEvents(events("a", 0, 1)))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void refusesOneUnitOfWorkThatTouchesTwoAggregates() {
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0, "x"), event("b", 0, "y")))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("one aggregate");
        assertThat(database.getCollection(CommitLog.COMMITS).countDocuments()).isZero();
    }

    @Test
    void twoWritersRacingOnOneAggregateNeverBothWin() throws Exception {
        int rounds = 500;
        CyclicBarrier bothReady = new CyclicBarrier(2);
        ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> losers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        engine.appendEvents(events("race", 0, 1));
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (String writer : List.of("w1", "w2")) {
            done.add(writers.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    String text = writer + "/" + round;
                    try {
                        long next = engine.lastSequenceNumberFor("race").orElseThrow() + 1;
                        bothReady.await(10, TimeUnit.SECONDS);
                        engine.appendEvents(event("race", next, text), event("race", next + 1, text));
                        winners.add(text);
                    } catch (ConcurrencyException e) {
                        losers.add(text);
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        writers.shutdown();

        assertThat(unexpected).isEmpty();
        assertThat(winners.size() + losers.size()).isEqualTo(2 * rounds);
        assertThat(losers).as("racing writers do conflict").isNotEmpty();
        List<? extends DomainEventMessage<?>> stored = engine.readEvents("race").asStream().toList();
        assertThat(stored).extracting(DomainEventMessage::getSequenceNumber)
                          .containsExactlyElementsOf(range(0, 1 + 2L * winners.size()));
        List<String> storedTexts = texts(stored);
        for (String winner : winners) {
            assertThat(storedTexts).filteredOn(winner::equals).hasSize(2);
        }
        assertThat(storedTexts).doesNotContainAnyElementsOf(losers);
        System.out.printf("racing appends: %d won, %d lost with ConcurrencyException%n", winners.size(), losers.size());
    }

    @Test
    void aCommitThatFailsPartWayIsSeenNeitherByLoadingNorByTracking() {
        engine.appendEvents(events("a", 0, 2));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 2, "fine"), event("a", 3, "fine"),
                                                      new GenericDomainEventMessage<>("Note", "a", 4, new Unwritable())))
                .isInstanceOf(EventStoreException.class);

        assertThat(texts(engine.readEvents("a"))).containsExactly("note 0", "note 1");
        assertThat(readAll(null).stream().map(e -> ((Noted) e.getPayload()).text()))
                .containsExactly("note 0", "note 1");
        engine.appendEvents(event("a", 2, "after"));
        assertThat(texts(engine.readEvents("a"))).containsExactly("note 0", "note 1", "after");
    }

    @Test
    void anInsertThatLandedButAnsweredWithAnErrorSucceeds() {
        CommitWriter failing = failingAfterWrite(true);

        failing.append(events("a", 0, 2), engine.getEventSerializer());

        assertThat(texts(engine.readEvents("Note", "a"))).containsExactly("note 0", "note 1");
        assertThat(readAll(null)).hasSize(2);
        engine.appendEvents(events("a", 2, 1));
        assertThat(chains().verifyStream("a")).isEmpty();
    }

    @Test
    void anInsertThatFailedBeforeItLandedFailsAndVoidsItsPositions() {
        CommitWriter failing = failingAfterWrite(false);

        assertThatThrownBy(() -> failing.append(events("a", 0, 2), engine.getEventSerializer()))
                .isInstanceOf(EventStoreException.class);

        engine = engine(MongoEventStorageEngine.builder());
        engine.appendEvents(events("b", 0, 1));
        List<TrackedEventData<?>> read = engine.tracking.fetch(start());
        assertThat(read).hasSize(1);
        assertThat(lastToken(read).getGaps()).as("the failed commit's positions are not waited for").isEmpty();
        assertThat(engine.readEvents("Note", "a").asStream()).isEmpty();
    }

    /** The engine's writer, but its insert answers with a dropped connection, after the commit landed or before. */
    private CommitWriter failingAfterWrite(boolean landed) {
        return new CommitWriter(database.getCollection(CommitLog.COMMITS), engine.commitLog, engine.streams,
                                engine.writer.refusal) {
            private boolean failed;

            @Override
            void write(Document commit) {
                if (landed) {
                    super.write(commit);
                }
                if (!failed) {
                    failed = true;
                    throw new com.mongodb.MongoSocketReadException("connection dropped",
                                                                   new com.mongodb.ServerAddress());
                }
                if (!landed) {
                    super.write(commit);
                }
            }
        };
    }
}
