package community.platform.query.views;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static com.mongodb.client.model.Filters.eq;

/**
 * A view kept as one document per record, written with a keyed upsert that records the last sequence applied: an
 * event applied twice changes nothing. Blocks, as projections run on processor threads.
 */
public final class KeyedViews {

    private KeyedViews() {
    }

    /**
     * Applies one event of record {@code id} at {@code sequence}; {@code apply} gets the view before (null for a new
     * record). Answers the view to announce to waiting readers: the new one, or, when the event was applied already
     * (a redelivery, or a rebuild that copied it in), the one stored, which changes nothing but still tells a reader
     * waiting for that event that it is in.
     */
    public static <V> Optional<V> update(MongoCollection<Document> views, String id, long sequence,
                                         Function<Document, V> read, UnaryOperator<V> apply,
                                         BiFunction<V, Long, Document> write) {
        Document stored = Mono.from(views.find(eq("_id", id)).first()).block();
        if (stored != null && stored.getLong("lastSequence") >= sequence) {
            return Optional.of(read.apply(stored));
        }
        V view = apply.apply(stored == null ? null : read.apply(stored));
        Mono.from(views.replaceOne(eq("_id", id), write.apply(view, sequence), new ReplaceOptions().upsert(true)))
            .block();
        return Optional.of(view);
    }
}
