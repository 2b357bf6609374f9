package community.platform.query.personal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.ViewCodec;
import community.platform.shared.personal.ChildDataErasurePostponedEvent;
import community.platform.shared.personal.ChildDataErasureScheduledEvent;
import community.platform.shared.personal.ChildDataRetentionClosedEvent;
import community.platform.shared.personal.ListExpiredChildDataQuery;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.concurrent.CompletableFuture;

/**
 * When each child's data is due for erasure ({@value #COLLECTION}), for the retention check that has it erased: one
 * document per child's retention record, with when each of their courses lets the data go and the latest of those,
 * the due time, until erased.
 */
@Component
@ProcessingGroup(ChildDataRetentionProjection.GROUP)
class ChildDataRetentionProjection {

    public static final String GROUP = "child-data-due";
    static final String COLLECTION = "childDataDue";

    private final MongoCollection<Document> views;

    ChildDataRetentionProjection(MongoDatabase platformViewDatabase) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(ChildDataErasureScheduledEvent event, @SequenceNumber long sequence) {
        write(event.retentionId(), sequence, before -> {
            Map<String, Instant> dues = before == null || before.erased() ? new HashMap<>()
                    : new HashMap<>(before.dues());
            dues.put(event.enrollmentId(), event.due());
            return new View(event.retentionId(), dues, false);
        });
    }

    /** Written by earlier versions only: nothing due until a course schedules it again. */
    @EventHandler
    void on(ChildDataErasurePostponedEvent event, @SequenceNumber long sequence) {
        write(event.retentionId(), sequence, before -> new View(event.retentionId(), Map.of(), false));
    }

    /** Erased at the end of its retention period: the request id is the record's id and the due time. */
    @EventHandler
    void on(PersonalDataErasedEvent event, @SequenceNumber long sequence) {
        int at = event.requestId().indexOf('@');
        if (event.requestId().startsWith("retention-") && at > 0) {
            String retentionId = event.requestId().substring(0, at);
            write(retentionId, sequence, before -> new View(retentionId, Map.of(), true));
        }
    }

    @EventHandler
    void on(ChildDataRetentionClosedEvent event, @SequenceNumber long sequence) {
        write(event.retentionId(), sequence, before -> new View(event.retentionId(), Map.of(), true));
    }

    private void write(String retentionId, long sequence, UnaryOperator<View> apply) {
        KeyedViews.update(views, retentionId, sequence, View::from, apply, View::toDocument);
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<String>> handle(ListExpiredChildDataQuery query) {
        return Flux.from(views.find(Filters.and(Filters.lte("due", Date.from(query.now())),
                                                Filters.ne("erased", true))))
                   .map(document -> document.getString("_id"))
                   .collectList()
                   .toFuture();
    }

    record View(@JsonProperty("_id") String retentionId, Map<String, Instant> dues, boolean erased) {

        /** The latest of the courses' dues: when the record is due. */
        @JsonProperty("due")
        Instant due() {
            return dues.values().stream().max(Comparator.naturalOrder()).orElse(null);
        }

        Document toDocument(long lastSequence) {
            return ViewCodec.toDocument(this).append("lastSequence", lastSequence);
        }

        static View from(Document document) {
            return ViewCodec.fromDocument(document, View.class);
        }
    }
}
