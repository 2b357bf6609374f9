package community.platform.query.personal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.Lookups;
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
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The consents guardians gave to the notice on children's data ({@value #COLLECTION}), for their own copy of what is
 * held: one document per enrollment request that carried one, keyed by the enrollment, without the child's name (the
 * copy takes it from the course). A guardian's request to erase a child's data withdraws their consent for that child:
 * it is kept as a withdrawal of its own ({@value #WITHDRAWALS}) and applied when the consents are read ({@link
 * #record}). The requests and the withdrawals come from different records, so with several segments either may be
 * handled first; neither changes the other's document. Writes go out with the rest of their batch ({@link ViewBatch})
 * and are idempotent: an event handled again changes nothing.
 */
@Component
@ProcessingGroup(ErasureRequestProjection.GROUP)
class ConsentProjection {

    static final String COLLECTION = "guardianConsents";
    static final String WITHDRAWALS = "guardianConsentWithdrawals";

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> withdrawals;

    ConsentProjection(MongoDatabase platformViewDatabase) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
        this.withdrawals = platformViewDatabase.getCollection(WITHDRAWALS);
        Lookups.by(views, "guardian");
        Lookups.by(withdrawals, "guardian");
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

    /** Withdraws the guardian's consents for the child (or the enrollment named) given until now: see {@link #record}. */
    @EventHandler
    void on(ErasureRequestedEvent event, @Timestamp Instant at) {
        if (event.subject() != ErasureSubject.CHILD) {
            return;
        }
        ViewBatch.current().update(withdrawals, event.requestId(), Updates.combine(
                Updates.setOnInsert("guardian", event.username()), Updates.setOnInsert("childId", event.childId()),
                Updates.setOnInsert("enrollmentId", event.enrollmentId()), Updates.setOnInsert("at", Date.from(at))),
                                   true);
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
        Mono.from(withdrawals.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<ConsentRecord>> handle(ListConsentsQuery query) {
        Bson guardian = Filters.eq("guardian", query.guardian());
        return Flux.from(withdrawals.find(guardian)).collectList()
                   .flatMap(withdrawn -> Flux.from(views.find(guardian).sort(Sorts.ascending("givenAt", "_id")))
                                             .map(view -> record(view, withdrawn))
                                             .collectList())
                   .toFuture();
    }

    /**
     * Withdrawn at the first withdrawal that names its enrollment, or its child at or after it was given (a withdrawal
     * naming the enrollment comes after it whatever the clocks of the instances that stamped them). A {@code
     * withdrawnAt} stored by the code before withdrawals were kept apart counts only if it is not before the consent:
     * that code withdrew every consent for the child it had seen, even one given after the withdrawal.
     */
    private static ConsentRecord record(Document view, List<Document> withdrawals) {
        Date given = view.getDate("givenAt");
        Date stored = view.getDate("withdrawnAt");
        Date withdrawn = stored != null && !stored.before(given) ? stored
                : withdrawals.stream().filter(withdrawal -> withdraws(withdrawal, view))
                             .map(withdrawal -> withdrawal.getDate("at")).min(Comparator.naturalOrder()).orElse(null);
        return new ConsentRecord(view.getString("_id"), view.getString("courseId"), view.getString("courseTitle"),
                                 view.getString("version"), given.toInstant(),
                                 withdrawn == null ? null : withdrawn.toInstant());
    }

    private static boolean withdraws(Document withdrawal, Document consent) {
        String child = withdrawal.getString("childId");
        return consent.getString("_id").equals(withdrawal.getString("enrollmentId"))
                || child != null && child.equals(consent.getString("childId"))
                           && !withdrawal.getDate("at").before(consent.getDate("givenAt"));
    }
}
