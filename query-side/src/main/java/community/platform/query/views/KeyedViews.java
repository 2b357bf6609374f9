package community.platform.query.views;

import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A view kept as one document per record, written with a keyed upsert that records the last sequence applied: an
 * event applied twice changes nothing. Views are immutable values: a batch holds the latest, and makes its document
 * only when it writes. Written through the {@link ViewBatch} of the events' batch; blocks, as
 * projections run on processor threads.
 */
public final class KeyedViews {

    private KeyedViews() {
    }

    /** A view with the last sequence applied to it; views are immutable, so the batch may hold them. */
    private record Applied<V>(V view, long sequence) {
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
        Applied<V> before = batch.find(views, id, stored -> new Applied<>(read.apply(stored),
                                                                          stored.getLong("lastSequence")));
        if (before != null && before.sequence() >= sequence) {
            return Optional.of(before.view());
        }
        V view = apply.apply(before == null ? null : before.view());
        batch.replace(views, id, new Applied<>(view, sequence), applied -> write.apply(applied.view(),
                                                                                      applied.sequence()));
        return Optional.of(view);
    }
}
