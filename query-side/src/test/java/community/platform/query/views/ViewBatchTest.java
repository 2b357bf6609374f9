package community.platform.query.views;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.EmbeddedMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch's view writes against the embedded server: when they go out, what a failure leaves, and in which order. */
class ViewBatchTest {

    private EmbeddedMongo mongo;
    private MongoCollection<Document> views;
    private MongoCollection<Document> marks;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        MongoDatabase database = mongo.database();
        views = database.getCollection("views");
        marks = database.getCollection("marks");
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    /** Runs {@code step} for each of {@code events} payloads, in one batch, and waits for its writes. */
    private static void batch(Consumer<String> step, String... events) throws Exception {
        ViewBatch.WriteBehind writes = new ViewBatch.WriteBehind();
        unit(writes, step, events);
        writes.finish();
    }

    /** Runs {@code step} for each of {@code events} payloads, in one unit of {@code writes}. */
    private static void unit(ViewBatch.WriteBehind writes, Consumer<String> step, String... events) throws Exception {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (String event : events) {
            messages.add(GenericEventMessage.asEventMessage(event));
        }
        writes.handle(messages, List.of(new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) {
                step.accept((String) event.getPayload());
                return null;
            }
        }));
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        return Flux.from(collection.find()).collectList().block();
    }

    @Test
    void writesGoOutWhenTheLastEventOfTheBatchHasBeenHandledAndReadsSeeThemBefore() throws Exception {
        List<Integer> storedMidBatch = new ArrayList<>();
        batch(event -> {
            ViewBatch batch = ViewBatch.current();
            Document view = batch.find(views, "post-1");
            int count = view == null ? 0 : view.getInteger("count");
            batch.replace(views, new Document("_id", "post-1").append("count", count + 1));
            storedMidBatch.add(all(views).size());
        }, "a", "b", "c");

        assertThat(storedMidBatch).containsExactly(0, 0, 0);
        StepVerifier.create(Flux.from(views.find()))
                    .expectNext(new Document("_id", "post-1").append("count", 3))
                    .verifyComplete();
    }

    @Test
    void aReadAfterAnUpdateByFilterSeesTheStoreWithTheBatchsWritesIn() throws Exception {
        batch(event -> {
            ViewBatch batch = ViewBatch.current();
            switch (event) {
                case "create" -> batch.replace(views, new Document("_id", "d-1").append("post", "p").append("n", 1));
                case "move" -> batch.updateMany(views, new Document("post", "p"), new Document("$set",
                                                                                               new Document("n", 2)));
                default -> batch.replace(marks, new Document("_id", "seen").append("n",
                                                                                   batch.find(views, "d-1").get("n")));
            }
        }, "create", "move", "read");

        StepVerifier.create(Flux.from(marks.find()))
                    .expectNext(new Document("_id", "seen").append("n", 2))
                    .verifyComplete();
    }

    @Test
    void aBatchThatFailsWritesNothing() {
        assertThatThrownBy(() -> batch(event -> {
            ViewBatch.current().replace(views, new Document("_id", event));
            if (event.equals("c")) {
                throw new IllegalStateException("poison");
            }
        }, "a", "b", "c")).hasMessageContaining("poison");

        assertThat(all(views)).isEmpty();
    }

    /**
     * The marks collection is written last by every event, as a projection writes its last sequence: when a write
     * fails half-way through the flush, the views are in and the marks are not, so the events come again rather than
     * being skipped.
     */
    @Test
    void collectionsAreWrittenInTheOrderOfTheirLastWrite() {
        assertThatThrownBy(() -> batch(event -> {
            ViewBatch batch = ViewBatch.current();
            batch.replace(marks, new Document("_id", "post-1").append("$bad", event));
            batch.replace(views, new Document("_id", event));
            batch.replace(marks, new Document("_id", "post-1").append("$bad", event));
        }, "a", "b"));

        assertThat(all(views)).extracting(d -> d.get("_id")).containsExactlyInAnyOrder("a", "b");
        assertThat(all(marks)).isEmpty();
    }

    /**
     * A collection marked last is written after the others though another event of the batch wrote them later: the
     * views are in, the failing marks are not.
     */
    @Test
    void aCollectionMarkedLastIsWrittenAfterTheOthers() {
        assertThatThrownBy(() -> batch(event -> {
            ViewBatch batch = ViewBatch.current();
            batch.replace(views, new Document("_id", event));
            if (event.equals("a")) {
                batch.last(marks);
                batch.replace(marks, new Document("_id", "post-1").append("$bad", event));
            }
        }, "a", "b"));

        assertThat(all(views)).extracting(d -> d.get("_id")).containsExactlyInAnyOrder("a", "b");
        assertThat(all(marks)).isEmpty();
    }

    @Test
    void outsideABatchEveryWriteGoesOutAtOnce() {
        ViewBatch.current().replace(views, new Document("_id", "x"));

        assertThat(all(views)).hasSize(1);
    }

    @Test
    void aViewHeldAsAnObjectIsMadeIntoADocumentOnceWhenWritten() throws Exception {
        AtomicInteger made = new AtomicInteger();
        batch(event -> {
            ViewBatch batch = ViewBatch.current();
            Integer count = batch.find(views, "post-1", stored -> stored.getInteger("count"));
            batch.replace(views, "post-1", count == null ? 1 : count + 1, value -> {
                made.incrementAndGet();
                return new Document("_id", "post-1").append("count", value);
            });
        }, "a", "b", "c");

        assertThat(made).hasValue(1);
        StepVerifier.create(Flux.from(views.find()))
                    .expectNext(new Document("_id", "post-1").append("count", 3))
                    .verifyComplete();
    }

    /**
     * Behind a replay, the next unit starts while the last one's writes are on their way: what a unit replaced is
     * still known to the next, and a document an update changed is read once the update is in.
     */
    @Test
    void writeBehindKeepsDocumentsFromOneUnitToTheNextAndReadsWaitForUpdates() throws Exception {
        ViewBatch.WriteBehind writes = new ViewBatch.WriteBehind();
        unit(writes, event -> {
            ViewBatch batch = ViewBatch.current();
            batch.replace(views, new Document("_id", "post-1").append("count", 1));
            batch.update(views, "post-2", new Document("$set", new Document("count", 5)), true);
        }, "first");
        writes.finish();
        Mono.from(views.deleteOne(new Document("_id", "post-1"))).block();

        List<Object> seen = new ArrayList<>();
        unit(writes, event -> {
            ViewBatch batch = ViewBatch.current();
            seen.add(batch.find(views, "post-1").get("count"));
            seen.add(batch.find(views, "post-2").get("count"));
        }, "second");
        writes.finish();

        assertThat(seen).containsExactly(1, 5);
    }

    @Test
    void aWriteThatFailsBehindStopsTheReplay() throws Exception {
        ViewBatch.WriteBehind writes = new ViewBatch.WriteBehind();
        unit(writes, event -> ViewBatch.current().replace(views, new Document("_id", "x").append("$bad", 1)), "a");

        assertThatThrownBy(() -> {
            unit(writes, event -> ViewBatch.current().replace(views, new Document("_id", "y")), "b");
            writes.finish();
        }).hasMessageContaining("$bad");
        assertThat(all(views)).isEmpty();
    }
}
