package community.platform.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoEventStorageEngineTest {

    private static final BigDecimal EXACT = new BigDecimal("0.1000000000000000055511151231257827");
    static EmbeddedMongo mongo;

    private MongoDatabase database;
    private MutableClock clock;
    private MongoEventStorageEngine engine;

    @BeforeAll
    static void startServer() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void newStore() {
        database = mongo.freshDatabase();
        clock = new MutableClock(Instant.parse("2027-01-20T07:30:00Z"));
        engine = engine(MongoEventStorageEngine.builder());
    }

    private MongoEventStorageEngine engine(MongoEventStorageEngine.Builder builder) {
        MongoEventStorageEngine built = builder.database(database).clock(clock).build();
        built.ensureIndexes();
        return built;
    }

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
    void readsAStreamFromAGivenSequenceEvenInsideACommit() {
        engine.appendEvents(events("a", 0, 3));
        engine.appendEvents(events("a", 3, 3));
        engine.appendEvents(events("a", 6, 4));

        assertThat(sequences(engine.readEvents("a", 4))).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sequences(engine.readEvents("a", 6))).containsExactly(6L, 7L, 8L, 9L);
        assertThat(sequences(engine.readEvents("a", 10))).isEmpty();
        assertThat(sequences(engine.readEvents("unknown", 0))).isEmpty();
    }

    @Test
    void readsStreamsLongerThanOneQueryWindow() {
        for (long seq = 0; seq < 250; seq++) {
            engine.appendEvents(events("long", seq, 1));
        }

        assertThat(sequences(engine.readEvents("long"))).containsExactlyElementsOf(range(0, 250));
        assertThat(sequences(engine.readEvents("long", 120))).containsExactlyElementsOf(range(120, 250));
        assertThat(engine.lastSequenceNumberFor("long")).contains(249L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

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
    void deliversACommitThatCompletesAfterLaterPositionsWereRead() {
        Document slow = engine.writer.prepare(events("slow", 0, 2), engine.getEventSerializer());
        engine.appendEvents(events("fast", 0, 1));

        List<TrackedEventData<?>> first = engine.tracking.fetch(start());
        GapAwareTrackingToken afterFast = lastToken(first);
        assertThat(first).hasSize(1);
        assertThat(afterFast.getIndex()).isEqualTo(2);
        assertThat(afterFast.getGaps()).containsExactly(0L, 1L);

        engine.writer.insert(slow, events("slow", 0, 1).get(0));

        List<? extends TrackedEventMessage<?>> late = engine.readEvents(afterFast, false).toList();
        assertThat(late).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                        .containsExactly("slow", "slow");
        GapAwareTrackingToken afterSlow = (GapAwareTrackingToken) late.get(1).trackingToken();
        assertThat(afterSlow.getIndex()).isEqualTo(2);
        assertThat(afterSlow.getGaps()).isEmpty();
        assertThat(engine.readEvents(afterSlow, false).toList()).isEmpty();
    }

    @Test
    void givesUpOnAPositionNeverWrittenAfterTheGapTimeout() {
        engine = engine(MongoEventStorageEngine.builder().gapTimeout(Duration.ofSeconds(5)));
        engine.writer.prepare(events("crashed", 0, 1), engine.getEventSerializer());
        engine.appendEvents(events("a", 0, 1));
        GapAwareTrackingToken token = lastToken(engine.tracking.fetch(start()));
        assertThat(token.getGaps()).containsExactly(0L);

        clock.advance(Duration.ofSeconds(4));
        engine.appendEvents(events("a", 1, 1));
        token = lastToken(engine.tracking.fetch(token));
        assertThat(token.getGaps()).as("still waited for within the timeout").containsExactly(0L);

        clock.advance(Duration.ofSeconds(2));
        engine.appendEvents(events("a", 2, 1));
        token = lastToken(engine.tracking.fetch(token));
        assertThat(token.getIndex()).isEqualTo(3);
        assertThat(token.getGaps()).as("given up after the timeout").isEmpty();
    }

    @Test
    void positionsOfAFailedCommitAreNotWaitedFor() {
        engine.appendEvents(events("a", 0, 1));
        assertThatThrownBy(() -> engine.appendEvents(events("a", 0, 3)))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(events("a", 1, 1));

        List<TrackedEventData<?>> read = engine.tracking.fetch(start());

        assertThat(read).hasSize(2);
        assertThat(lastToken(read).getIndex()).isEqualTo(4);
        assertThat(lastToken(read).getGaps()).isEmpty();
    }

    @Test
    void aRunOfFailedCommitsLongerThanAWindowDoesNotStopTheReader() {
        engine.appendEvents(events("a", 0, 1));
        for (int i = 0; i < 150; i++) {
            assertThatThrownBy(() -> engine.appendEvents(events("a", 0, 1)))
                    .isInstanceOf(AggregateStreamCreationException.class);
        }
        engine.appendEvents(events("a", 1, 1));

        List<TrackedEventData<?>> read = readAllData(start());

        assertThat(read).hasSize(2);
        assertThat(lastToken(read).getIndex()).isEqualTo(151);
        assertThat(lastToken(read).getGaps()).isEmpty();
    }

    @Test
    void eightWritersAndATrackingReaderSeeEveryEventExactlyOnceInPositionOrder() throws Exception {
        int writers = 8;
        int commitsEach = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            String writer = "writer-" + w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < commitsEach; i++) {
                    engine.appendEvents(event(writer + "-" + (i % 10), i / 10, writer + "/" + i));
                }
                return null;
            }));
        }

        Map<String, Long> lastSequenceSeen = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Long> outOfOrder = new ArrayList<>();
        GapAwareTrackingToken token = start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (seen.size() < writers * commitsEach && System.nanoTime() < deadline) {
            for (TrackedEventData<?> data : engine.tracking.fetch(token)) {
                GapAwareTrackingToken next = (GapAwareTrackingToken) data.trackingToken();
                long position = next.getGaps().isEmpty() && next.getIndex() > token.getIndex()
                        ? next.getIndex() : deliveredPosition(token, next);
                if (position < token.getIndex() && !token.getGaps().contains(position)) {
                    outOfOrder.add(position);
                }
                assertThat(seen.add(data.getEventIdentifier())).as("delivered once: " + position).isTrue();
                String stream = ((org.axonframework.eventhandling.DomainEventData<?>) data).getAggregateIdentifier();
                long sequence = ((org.axonframework.eventhandling.DomainEventData<?>) data).getSequenceNumber();
                assertThat(sequence).as("stream order of " + stream)
                                    .isEqualTo(lastSequenceSeen.getOrDefault(stream, -1L) + 1);
                lastSequenceSeen.put(stream, sequence);
                token = next;
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(seen).hasSize(writers * commitsEach);
        assertThat(outOfOrder).as("only positions the token still waited for arrive below its index").isEmpty();
        assertThat(engine.tracking.fetch(token)).isEmpty();
        System.out.printf("8 writers x %d commits with a live reader: %.1f s, %.0f commits/s%n",
                          commitsEach, seconds, writers * commitsEach / seconds);
    }

    @Test
    void theTrackingTokenStaysSmallOverALongStreamWithGaps() throws Exception {
        engine = engine(MongoEventStorageEngine.builder().maxGapOffset(1000));
        ObjectMapper json = new ObjectMapper();
        int events = 20_000;
        int largestToken = 0;
        int largestGapCount = 0;
        GapAwareTrackingToken token = start();
        for (int i = 0; i < events; i++) {
            if (i % 50 == 0) {
                engine.writer.prepare(events("crashed-" + i, 0, 1), engine.getEventSerializer());
            }
            engine.appendEvents(events("s-" + (i % 100), i / 100, 1));
            if (i % 500 == 499) {
                for (TrackedEventData<?> data : readAllData(token)) {
                    token = (GapAwareTrackingToken) data.trackingToken();
                    largestToken = Math.max(largestToken, json.writeValueAsBytes(token).length);
                    largestGapCount = Math.max(largestGapCount, token.getGaps().size());
                }
            }
        }

        System.out.printf("tracking token over %d events with %d never-written positions: at most %d gaps, %d bytes"
                                  + " as JSON%n", events, events / 50, largestGapCount, largestToken);
        assertThat(token.getIndex()).isEqualTo(events + events / 50 - 1);
        assertThat(largestGapCount).isLessThanOrEqualTo(1000 / 50 + 1);
        assertThat(largestToken).isLessThan(1024);
    }

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

    @Test
    void aUsernameCannotSquatAnotherTypesStream() {
        engine.appendEvents(new GenericDomainEventMessage<>("Account", "schedule-alice", 0,
                                                            new Noted("schedule-alice", "registered", EXACT)));

        engine.appendEvents(new GenericDomainEventMessage<>("VolunteerSchedule", "schedule-alice", 0,
                                                            new Noted("schedule-alice", "duty reserved", EXACT)));

        assertThat(texts(engine.readEvents("VolunteerSchedule", "schedule-alice"))).containsExactly("duty reserved");
        assertThat(texts(engine.readEvents("Account", "schedule-alice"))).containsExactly("registered");
        assertThat(engine.readEvents("Inbox", "schedule-alice").asStream()).isEmpty();
    }

    @Test
    void aCommitHeldBackPastTheGapTimeoutIsStillDelivered() {
        engine = engine(MongoEventStorageEngine.builder().gapTimeout(Duration.ofSeconds(5)));
        Document held = engine.writer.prepare(events("slow", 0, 2), engine.getEventSerializer());
        engine.appendEvents(events("fast", 0, 1));
        GapAwareTrackingToken token = lastToken(engine.tracking.fetch(start()));
        assertThat(token.getGaps()).containsExactly(0L, 1L);

        clock.advance(Duration.ofSeconds(6));
        engine.appendEvents(events("fast", 1, 1));
        token = lastToken(engine.tracking.fetch(token));
        assertThat(token.getGaps()).as("given up after the timeout").isEmpty();
        assertThat(engine.givenUpPositions()).as("counted").isEqualTo(2);

        engine.writer.insert(held, events("slow", 0, 1).get(0));

        List<? extends TrackedEventMessage<?>> late = engine.readEvents(token, false).toList();
        assertThat(late).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                        .as("the held commit took new positions and is delivered").containsExactly("slow", "slow");
        assertThat(texts(engine.readEvents("Note", "slow"))).containsExactly("note 0", "note 1");
        assertThat(chains().verifyStream("slow")).isEmpty();
    }

    @Test
    void aCommitSpanningPositionsAReaderMarkedIsStillDeliveredWhole() {
        Document held = engine.writer.prepare(events("slow", 0, 3), engine.getEventSerializer());
        engine.appendEvents(events("fast", 0, 1));
        GapAwareTrackingToken token = lastToken(engine.tracking.fetch(start()));
        assertThat(token.getGaps()).containsExactly(0L, 1L, 2L);
        // a reader gave up positions 0 and 1 and marked them, and the commit landed before it marked 2
        var commits = database.getCollection(CommitLog.COMMITS);
        for (long position : List.of(0L, 1L)) {
            commits.insertOne(new Document("_id", "gap:" + position).append("firstPosition", position)
                                                                   .append("lastPosition", position)
                                                                   .append("events", List.of()));
        }
        engine.writer.insert(held, events("slow", 0, 1).get(0));

        assertThat(engine.readEvents(token, false).toList())
                .extracting(e -> ((DomainEventMessage<?>) e).getSequenceNumber()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void theHeadIsTheLastEventSoVoidMarkersAfterItAreNoLag() {
        engine.appendEvents(events("a", 0, 2));
        assertThatThrownBy(() -> engine.appendEvents(events("a", 0, 3)))
                .isInstanceOf(AggregateStreamCreationException.class);
        Document inFlight = engine.writer.prepare(events("b", 0, 1), engine.getEventSerializer());

        GapAwareTrackingToken head = (GapAwareTrackingToken) engine.createHeadToken();

        assertThat(head.getIndex()).as("positions 2-4 are void, 5 is on its way").isEqualTo(1);
        assertThat(lastToken(engine.tracking.fetch(start())).getIndex()).isEqualTo(head.getIndex());
        engine.writer.insert(inFlight, null);
        assertThat(((GapAwareTrackingToken) engine.createHeadToken()).getIndex()).isEqualTo(5);
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

    private HashChains chains() {
        return new HashChains(engine, database, Duration.ofSeconds(60), clock);
    }

    @Test
    void trackingReadsUseReadConcernMajorityOnAReplicaSet() {
        List<Document> finds = new java.util.concurrent.CopyOnWriteArrayList<>();
        var settings = com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(mongo.connectionString()))
                .addCommandListener(new com.mongodb.event.CommandListener() {
                    @Override
                    public void commandStarted(com.mongodb.event.CommandStartedEvent event) {
                        if (event.getCommandName().equals("find")) {
                            finds.add(Document.parse(event.getCommand().toJson()));
                        }
                    }
                }).build();
        try (var client = com.mongodb.client.MongoClients.create(settings)) {
            MongoEventStorageEngine majority = MongoEventStorageEngine.builder()
                    .database(client.getDatabase(database.getName())).majorityReads(true).build();
            majority.ensureIndexes();
            majority.appendEvents(events("a", 0, 1));
            finds.clear();

            assertThat(majority.tracking.fetch(start())).hasSize(1);

            assertThat(finds).isNotEmpty().allSatisfy(find -> assertThat(find.get("readConcern", Document.class))
                    .isEqualTo(new Document("level", "majority")));
        }
    }

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

    // ---- helpers

    /** The position whose delivery turned {@code before} into {@code after}: a filled gap or the new index. */
    private static long deliveredPosition(GapAwareTrackingToken before, GapAwareTrackingToken after) {
        if (after.getIndex() > before.getIndex()) {
            return after.getIndex();
        }
        Set<Long> filled = new HashSet<>(before.getGaps());
        filled.removeAll(after.getGaps());
        return filled.stream().filter(g -> g <= after.getIndex()).max(Long::compare).orElseThrow();
    }

    private static GapAwareTrackingToken start() {
        return GapAwareTrackingToken.newInstance(-1, List.of());
    }

    private List<TrackedEventData<?>> readAllData(GapAwareTrackingToken from) {
        List<TrackedEventData<?>> all = new ArrayList<>();
        GapAwareTrackingToken token = from;
        for (List<TrackedEventData<?>> batch = engine.tracking.fetch(token); !batch.isEmpty();
             batch = engine.tracking.fetch(token)) {
            all.addAll(batch);
            token = lastToken(batch);
        }
        return all;
    }

    private List<? extends TrackedEventMessage<?>> readAll(GapAwareTrackingToken from) {
        return engine.readEvents(from, false).toList();
    }

    private static GapAwareTrackingToken lastToken(List<TrackedEventData<?>> batch) {
        return (GapAwareTrackingToken) batch.get(batch.size() - 1).trackingToken();
    }

    private static List<DomainEventMessage<?>> events(String id, long from, int count) {
        return LongStream.range(from, from + count).<DomainEventMessage<?>>mapToObj(s -> event(id, s, "note " + s))
                         .toList();
    }

    private static DomainEventMessage<?> event(String id, long sequence, String text) {
        return new GenericDomainEventMessage<>("Note", id, sequence, new Noted(id, text, EXACT),
                                               MetaData.with("actor", "alice"));
    }

    private static List<Long> sequences(org.axonframework.eventsourcing.eventstore.DomainEventStream stream) {
        return stream.asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    private static List<String> texts(org.axonframework.eventsourcing.eventstore.DomainEventStream stream) {
        return texts(stream.asStream().toList());
    }

    private static List<String> texts(List<? extends DomainEventMessage<?>> events) {
        return events.stream().map(e -> ((Noted) e.getPayload()).text()).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    /** A payload Jackson cannot write: its accessor fails. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
