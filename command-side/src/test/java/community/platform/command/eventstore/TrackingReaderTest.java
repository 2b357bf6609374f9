package community.platform.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tracking reads in global position order: late commits, gaps waited for and given up, the head token. */
class TrackingReaderTest extends EventStoreTest {

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

    /** The position whose delivery turned {@code before} into {@code after}: a filled gap or the new index. */
    private static long deliveredPosition(GapAwareTrackingToken before, GapAwareTrackingToken after) {
        if (after.getIndex() > before.getIndex()) {
            return after.getIndex();
        }
        Set<Long> filled = new HashSet<>(before.getGaps());
        filled.removeAll(after.getGaps());
        return filled.stream().filter(g -> g <= after.getIndex()).max(Long::compare).orElseThrow();
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
}
