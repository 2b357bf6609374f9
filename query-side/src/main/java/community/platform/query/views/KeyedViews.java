package community.platform.query.views;

import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A view kept as one document per record, written with a keyed upsert that records the last sequence applied: an
 * event applied twice changes nothing. Written through the {@link ViewBatch} of the events' batch; blocks, as
 * projections run on processor threads.
 */
public final class KeyedViews {

    private KeyedViews() {
    }

    /**
     * Applies one event of record {@code id} at {@code sequence}; {@code apply} gets the view before (null for a new
     * record). Answers the view to announce to waiting readers: the new one, or, when the event was applied already
     * (a redelivery, or a rebuild that copied it in), the one stored, which changes nothing but still tells a reader
     * waiting for that event that it is in. {@code write} makes the document, with {@code id} as its {@code _id}.
     */
    public static <V> Optional<V> update(MongoCollection<Document> views, String id, long sequence,
                                         Function<Document, V> read, UnaryOperator<V> apply,
                                         BiFunction<V, Long, Document> write) {
        ViewBatch batch = ViewBatch.current();
        Document stored = batch.find(views, id);
        if (stored != null && stored.getLong("lastSequence") >= sequence) {
            return Optional.of(read.apply(stored));
        }
        V view = apply.apply(stored == null ? null : read.apply(stored));
        batch.replace(views, write.apply(view, sequence));
        return Optional.of(view);
    }
}
