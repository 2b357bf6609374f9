package community.platform.query.neighbourhoods;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.shared.neighbourhoods.FindStatedNeighbourhoodQuery;
import community.platform.shared.neighbourhoods.NeighbourhoodStatedEvent;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

/**
 * The neighbourhood each resident stated ({@value #COLLECTION}); none for one who withdrew it, and none for one erased.
 */
@Component
@ProcessingGroup(StatedNeighbourhoodProjection.GROUP)
class StatedNeighbourhoodProjection {

    public static final String GROUP = "stated-neighbourhoods";
    static final String COLLECTION = "statedNeighbourhoods";

    private final MongoCollection<Document> views;

    StatedNeighbourhoodProjection(MongoDatabase platformViewDatabase) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(NeighbourhoodStatedEvent event) {
        if (event.neighbourhoodId() == null || PersonalData.ERASED.equals(event.neighbourhoodId())) {
            Mono.from(views.deleteOne(Filters.eq("_id", event.username()))).block();
        } else {
            Mono.from(views.replaceOne(Filters.eq("_id", event.username()),
                                       new Document("_id", event.username())
                                               .append("neighbourhoodId", event.neighbourhoodId()),
                                       new ReplaceOptions().upsert(true))).block();
        }
    }

    @EventHandler
    void on(PersonalDataErasedEvent event) {
        if (event.ofAccount()) {
            Mono.from(views.deleteOne(Filters.eq("_id", event.username()))).block();
        }
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<String> handle(FindStatedNeighbourhoodQuery query) {
        return Mono.from(views.find(Filters.eq("_id", query.username())).first())
                   .map(view -> view.getString("neighbourhoodId"))
                   .toFuture();
    }
}
