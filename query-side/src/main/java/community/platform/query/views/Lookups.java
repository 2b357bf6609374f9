package community.platform.query.views;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The fields a screen or a projection looks views up by other than their id: an index on each, so that a lookup
 * reads the documents it finds instead of every document of the collection (docs/deployment.md, "Indexes"). Made
 * when the projection is made; asking again for an index that exists changes nothing. The views answer the same without them, only slower,
 * so an index the store refuses, or is still building when the wait for an answer ends, is reported and the start
 * goes on.
 */
public final class Lookups {

    private static final Logger log = LoggerFactory.getLogger(Lookups.class);

    private Lookups() {
    }

    /** Makes an ascending index on each of {@code fields} of {@code views}, one field each, and waits for them. */
    public static void by(MongoCollection<Document> views, String... fields) {
        for (String field : fields) {
            try {
                Mono.from(views.createIndex(Indexes.ascending(field))).block();
            } catch (MongoCommandException | MongoSocketReadTimeoutException failed) {
                // refused (an index of that name with other options), or still building past the read timeout; a
                // store that cannot be reached fails the start as it would without the index
                log.warn("Could not make the index on {} of {} ({}). Lookups by that field read the whole collection"
                         + " unless another index serves them; the next start tries again.", field,
                         views.getNamespace().getCollectionName(), failed.getMessage());
            }
        }
    }
}
