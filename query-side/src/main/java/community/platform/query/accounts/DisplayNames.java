package community.platform.query.accounts;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoDatabase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.Map;

/** People's display names as their accounts show them now, for views that list people (a roster). */
public final class DisplayNames {

    private DisplayNames() {
    }

    /** By username; an account not (yet) in the view is left out. */
    public static Mono<Map<String, String>> of(MongoDatabase views, Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(views.getCollection(AccountProjection.COLLECTION)
                              .find(Filters.in("_id", usernames))
                              .projection(Projections.include("displayName")))
                   .filter(account -> account.getString("displayName") != null)
                   .collectMap(account -> account.getString("_id"), account -> account.getString("displayName"));
    }
}
