package community.platform.query.processing;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import community.platform.query.EmbeddedMongo;
import community.platform.query.views.ViewBatch;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One read of the log handed to several sets of handlers, each writing behind ({@link Rebuilds#feed}): after each
 * batch, the token it reports as written is one whose every event's writes are in the store, for every feed. The
 * start-up fast path stores processors' tokens from it, so a token stored never covers a write that is not in.
 */
class FeedTest {

    private static final int EVENTS = 3_500;

    private EmbeddedMongo mongo;
    private final InMemoryEventStorageEngine log = new InMemoryEventStorageEngine();

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        log.appendEvents(IntStream.range(0, EVENTS).mapToObj(GenericEventMessage::asEventMessage).toList());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void theTokenReportedWrittenCoversOnlyEventsWhoseWritesAreInForEveryFeed() {
        MongoCollection<Document> first = mongo.database().getCollection("first");
        MongoCollection<Document> second = mongo.database().getCollection("second");
        List<String> wrong = new ArrayList<>();
        List<Long> reported = new ArrayList<>();
        List<Boolean> replays = new ArrayList<>();

        TrackingToken reached = Rebuilds.feed(log, null, false, List.of(feed(first, replays), feed(second, replays)),
                                              (events, written) -> {
            if (written == null) {
                return;
            }
            long position = written.position().orElseThrow();
            reported.add(position);
            for (MongoCollection<Document> collection : List.of(first, second)) {
                long in = Mono.from(collection.countDocuments(Filters.lte("_id", (int) position))).block();
                if (in != position + 1) {
                    wrong.add(collection.getNamespace().getCollectionName() + ": " + in + " of " + (position + 1));
                }
            }
        });

        assertThat(reported).as("a token reported after each batch but the first").hasSize(3);
        assertThat(wrong).isEmpty();
        assertThat(reached.position()).hasValue(EVENTS - 1);
        assertThat(Mono.from(first.countDocuments()).block()).isEqualTo(EVENTS);
        assertThat(Mono.from(second.countDocuments()).block()).isEqualTo(EVENTS);
        assertThat(replays).as("live events are not marked as a replay").containsOnly(false);
    }

    /** Writes a document per event, through the batch, as a projection does. */
    private static Rebuilds.Feed feed(MongoCollection<Document> collection, List<Boolean> replays) {
        return new Rebuilds.Feed(new ViewBatch.WriteBehind(), List.of(new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) {
                replays.add(ReplayToken.isReplay(event));
                int id = (Integer) event.getPayload();
                ViewBatch.current().replace(collection, new Document("_id", id).append("seen", true));
                return null;
            }
        }));
    }
}
