package community.platform.query.views;

import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import reactor.core.publisher.Flux;

/**
 * The fields a screen looks views up by other than their id (a volunteer's duties, a guardian's consents, an
 * organizer's courses): an index on each, so that a lookup reads the documents it finds instead of every document of
 * the collection, on MongoDB and on the embedded store, which keeps such indexes in memory and answers equalities on
 * them. Made when the projection is made; asking again for an index that exists changes nothing.
 */
public final class Lookups {

    private Lookups() {
    }

    /** Makes an ascending index on each of {@code fields} of {@code views}, one field each, and waits for them. */
    public static void by(MongoCollection<Document> views, String... fields) {
        Flux.fromArray(fields).concatMap(field -> views.createIndex(Indexes.ascending(field))).blockLast();
    }
}
