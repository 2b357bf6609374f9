package community.platform.query.personal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewBatch;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.personal.ConsentRecord;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.ListConsentsQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The consents guardians gave to the notice on children's data ({@value #COLLECTION}), for their own copy of what is
 * held: one document per enrollment request that carried one, keyed by the enrollment, without the child's name (the
 * copy takes it from the course). A guardian's request to erase a child's data withdraws their consent for that child.
 * Writes go out with the rest of their batch ({@link ViewBatch}) and are idempotent: an event handled again changes
 * nothing.
 */
@Component
@ProcessingGroup(ErasureRequestProjection.GROUP)
class ConsentProjection {

    static final String COLLECTION = "guardianConsents";

    private final MongoCollection<Document> views;

    ConsentProjection(MongoDatabase platformViewDatabase) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(EnrollmentRequestedEvent event, @Timestamp Instant at) {
        if (!event.consent()) {
            return;
        }
        ViewBatch.current().update(views, event.enrollmentId(), Updates.combine(
                Updates.setOnInsert("guardian", event.guardian()), Updates.setOnInsert("childId", event.childId()),
                Updates.setOnInsert("courseId", event.courseId()), Updates.setOnInsert("courseTitle", event.title()),
                Updates.setOnInsert("version", event.consentVersion()), Updates.setOnInsert("givenAt", Date.from(at))),
                                   true);
    }

    /** Withdrawn: every consent the guardian gave for the child, found by their id (or by the enrollment named). */
    @EventHandler
    void on(ErasureRequestedEvent event, @Timestamp Instant at) {
        if (event.subject() != ErasureSubject.CHILD) {
            return;
        }
        Bson child = event.childId() == null ? Filters.eq("_id", event.enrollmentId())
                : Filters.or(Filters.eq("childId", event.childId()), Filters.eq("_id", event.enrollmentId()));
        ViewBatch.current().updateMany(views, Filters.and(Filters.eq("guardian", event.username()), child,
                                                          Filters.eq("withdrawnAt", null)),
                                       Updates.set("withdrawnAt", Date.from(at)));
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<ConsentRecord>> handle(ListConsentsQuery query) {
        return Flux.from(views.find(Filters.eq("guardian", query.guardian())).sort(Sorts.ascending("givenAt", "_id")))
                   .map(ConsentProjection::record)
                   .collectList()
                   .toFuture();
    }

    private static ConsentRecord record(Document view) {
        Date withdrawn = view.getDate("withdrawnAt");
        return new ConsentRecord(view.getString("_id"), view.getString("courseId"), view.getString("courseTitle"),
                                 view.getString("version"), view.getDate("givenAt").toInstant(),
                                 withdrawn == null ? null : withdrawn.toInstant());
    }
}
