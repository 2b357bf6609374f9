package community.platform.query.personal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.ViewCodec;
import community.platform.shared.personal.ErasureRefusedEvent;
import community.platform.shared.personal.ErasureRequestSummary;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureStatus;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.FindErasureRequestQuery;
import community.platform.shared.personal.ListErasureRequestsQuery;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * The ADMINs' queue of erasure requests ({@value #COLLECTION}), one document per request. The requester's own reason
 * is personal data and is not copied here: the queue holds only who, when and what was decided.
 */
@Component
@ProcessingGroup(ErasureRequestProjection.GROUP)
class ErasureRequestProjection {

    public static final String GROUP = "erasure-requests";
    static final String COLLECTION = "erasureRequestViews";

    private final MongoCollection<Document> views;
    private final QueryUpdateEmitter updates;

    ErasureRequestProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
        this.updates = updates;
    }

    @EventHandler
    void on(ErasureRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String subject = event.subject() == ErasureSubject.CHILD
                ? "the child of " + event.username() + " enrolled as " + event.enrollmentId() : event.username();
        write(event.requestId(), sequence, before -> new View(event.requestId(), event.subject(), subject,
                                                             event.username(), at, ErasureStatus.REQUESTED, null,
                                                             null, null));
    }

    /** A request carried out; or a child's data erased at the end of its retention period, which no one asked for. */
    @EventHandler
    void on(PersonalDataErasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        write(event.requestId(), sequence, before -> before != null
                ? before.decided(ErasureStatus.DONE, event.erasedBy(), at, null)
                : new View(event.requestId(), event.subject(), "the child of " + event.username() + " enrolled as "
                        + event.enrollmentId() + ", at the end of the retention period", event.erasedBy(), at,
                           ErasureStatus.DONE, event.erasedBy(), at, null));
    }

    @EventHandler
    void on(ErasureRefusedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        write(event.requestId(), sequence,
              before -> before.decided(ErasureStatus.REFUSED, event.refusedBy(), at, event.reason()));
    }

    private void write(String requestId, long sequence, java.util.function.UnaryOperator<View> apply) {
        KeyedViews.update(views, requestId, sequence, View::from, apply, View::toDocument)
                  .ifPresent(view -> updates.emit(FindErasureRequestQuery.class,
                                                  query -> query.requestId().equals(requestId),
                                                  Optional.of(view.summary())));
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<ErasureRequestSummary>> handle(ListErasureRequestsQuery query) {
        return Flux.from(views.find().sort(Sorts.ascending("requestedAt", "_id")))
                   .map(document -> View.from(document).summary())
                   .collectList()
                   .toFuture();
    }

    @QueryHandler
    CompletableFuture<Optional<ErasureRequestSummary>> handle(FindErasureRequestQuery query) {
        return Mono.from(views.find(eq("_id", query.requestId())).first())
                   .map(document -> Optional.of(View.from(document).summary()))
                   .defaultIfEmpty(Optional.empty())
                   .toFuture();
    }

    record View(@JsonProperty("_id") String requestId, ErasureSubject kind, String subject, String requestedBy,
                Instant requestedAt, ErasureStatus status, String decidedBy, Instant decidedAt,
                String refusalReason) {

        View decided(ErasureStatus outcome, String admin, Instant at, String reason) {
            return new View(requestId, kind, subject, requestedBy, requestedAt, outcome, admin, at, reason);
        }

        ErasureRequestSummary summary() {
            return new ErasureRequestSummary(requestId, kind, subject, requestedBy, requestedAt, status, decidedBy,
                                             decidedAt, refusalReason);
        }

        Document toDocument(long lastSequence) {
            return ViewCodec.toDocument(this).append("lastSequence", lastSequence);
        }

        static View from(Document document) {
            return ViewCodec.fromDocument(document, View.class);
        }
    }
}
