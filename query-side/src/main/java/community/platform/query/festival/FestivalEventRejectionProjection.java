package community.platform.query.festival;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewBatch;
import community.platform.query.views.ViewCodec;
import community.platform.shared.festival.FestivalEventRejectedEvent;
import community.platform.shared.festival.FestivalEventRejection;
import community.platform.shared.festival.FestivalEventRescheduleRejectedEvent;
import community.platform.shared.festival.FindFestivalEventRejectionQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * Why a request to schedule or move a festival event was turned down ({@value #COLLECTION}, one document per request),
 * for the organizer waiting on the answer: the rule it broke and the event in the way. A request answered twice keeps
 * one document, as the same key is written.
 */
@Component
@ProcessingGroup(FestivalEventRejectionProjection.GROUP)
class FestivalEventRejectionProjection {

    static final String GROUP = "festival-event-rejections";
    static final String COLLECTION = "festivalEventRejections";

    private final MongoCollection<Document> rejections;
    private final QueryUpdateEmitter updates;

    FestivalEventRejectionProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        this.rejections = platformViewDatabase.getCollection(COLLECTION);
        this.updates = updates;
    }

    @EventHandler
    void on(FestivalEventRejectedEvent event) {
        record(new FestivalEventRejection(event.eventId(), 0, event.code(), event.detail(), event.subject()));
    }

    @EventHandler
    void on(FestivalEventRescheduleRejectedEvent event) {
        record(new FestivalEventRejection(event.eventId(), event.request(), event.code(), event.detail(),
                                          event.subject()));
    }

    private void record(FestivalEventRejection rejection) {
        ViewBatch.current().replace(rejections, ViewCodec.toDocument(rejection)
                                                         .append("_id", id(rejection.eventId(), rejection.request())));
        updates.emit(FindFestivalEventRejectionQuery.class,
                     query -> query.eventId().equals(rejection.eventId()) && query.request() == rejection.request(),
                     Optional.of(rejection));
    }

    @ResetHandler
    void reset() {
        Mono.from(rejections.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<Optional<FestivalEventRejection>> handle(FindFestivalEventRejectionQuery query) {
        return Mono.from(rejections.find(eq("_id", id(query.eventId(), query.request()))).first())
                   .map(stored -> Optional.of(ViewCodec.fromDocument(stored, FestivalEventRejection.class)))
                   .defaultIfEmpty(Optional.empty()).toFuture();
    }

    private static String id(String eventId, int request) {
        return eventId + "#" + request;
    }
}
