package community.platform.query.volunteering;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewCodec;
import community.platform.shared.volunteering.FindPostSeriesQuery;
import community.platform.shared.volunteering.PostSeriesPublishedEvent;
import community.platform.shared.volunteering.PostSeriesSummary;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Each series of duties ({@value #COLLECTION}): who runs it, its pattern and its occurrences' posts, for the series'
 * sign-up and its pages. A series never changes once published; its posts change as posts do, in their own views.
 */
@Component
@ProcessingGroup(PostSeriesProjection.GROUP)
class PostSeriesProjection {

    public static final String GROUP = "post-series";
    static final String COLLECTION = "postSeriesViews";

    private final MongoCollection<Document> views;

    PostSeriesProjection(MongoDatabase platformViewDatabase) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
    }

    record View(@JsonProperty("_id") String seriesId, String organizer, String title, String rrule,
                List<PostSeriesPublishedEvent.Occurrence> occurrences) {
    }

    @EventHandler
    void on(PostSeriesPublishedEvent event) {
        View view = new View(event.seriesId(), event.organizer(), event.title(), event.rrule(), event.occurrences());
        Mono.from(views.replaceOne(Filters.eq("_id", event.seriesId()), ViewCodec.toDocument(view),
                                   new ReplaceOptions().upsert(true))).block();
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<PostSeriesSummary> handle(FindPostSeriesQuery query) {
        return Mono.from(views.find(Filters.eq("_id", query.seriesId())).first())
                   .map(document -> ViewCodec.fromDocument(document, View.class))
                   .map(view -> new PostSeriesSummary(view.seriesId(), view.organizer(), view.title(), view.rrule(),
                                                      view.occurrences()))
                   .toFuture();
    }
}
