package community.platform.query.neighbourhoods;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.shared.neighbourhoods.ListNeighbourhoodsQuery;
import community.platform.shared.neighbourhoods.Neighbourhood;
import community.platform.shared.neighbourhoods.NeighbourhoodCreatedEvent;
import community.platform.shared.neighbourhoods.OrganizerAppointedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The sub-district's neighbourhoods as their list shows them ({@value #COLLECTION}), with the organizers appointed in
 * each. Writes are idempotent: an event handled again changes nothing.
 */
@Component
@ProcessingGroup(NeighbourhoodProjection.GROUP)
class NeighbourhoodProjection {

    public static final String GROUP = "neighbourhoods";
    static final String COLLECTION = "neighbourhoodViews";

    private final MongoCollection<Document> views;

    NeighbourhoodProjection(MongoDatabase platformViewDatabase) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(NeighbourhoodCreatedEvent event) {
        Mono.from(views.updateOne(Filters.eq("_id", event.neighbourhoodId()),
                                  Updates.combine(Updates.setOnInsert("name", event.neighbourhoodName()),
                                                  Updates.setOnInsert("areas", event.areas()),
                                                  Updates.setOnInsert("organizers", List.of())),
                                  new UpdateOptions().upsert(true))).block();
    }

    @EventHandler
    void on(OrganizerAppointedEvent event) {
        Mono.from(views.updateOne(Filters.eq("_id", event.neighbourhoodId()),
                                  Updates.addToSet("organizers", event.organizer()))).block();
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<Neighbourhood>> handle(ListNeighbourhoodsQuery query) {
        return Flux.from(views.find().sort(Sorts.ascending("name")))
                   .map(view -> new Neighbourhood(view.getString("_id"), view.getString("name"),
                                                  view.getList("areas", String.class),
                                                  view.getList("organizers", String.class)))
                   .collectList()
                   .toFuture();
    }
}
