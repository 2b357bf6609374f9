package community.platform.query.accounts;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.Lookups;
import community.platform.shared.accounts.AccountEvent;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The account projection with a lookup by role, for a rebuild: notes the indexes its collection has while it applies
 * events, which are the collection a rebuild writes.
 */
public class IndexedAccountProjection extends AccountProjection {

    /** The index names seen while applying events, by every instance made. */
    public static final Set<String> SEEN = new CopyOnWriteArraySet<>();

    private final MongoCollection<Document> views;

    public IndexedAccountProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        super(platformViewDatabase, updates);
        this.views = platformViewDatabase.getCollection("accountViews");
        Lookups.by(views, "roles");
    }

    @Override
    public AccountView apply(AccountView before, AccountEvent event, long sequence, Instant at) {
        List<String> names = Flux.from(views.listIndexes()).map(index -> index.getString("name")).collectList().block();
        SEEN.addAll(names);
        return super.apply(before, event, sequence, at);
    }
}
