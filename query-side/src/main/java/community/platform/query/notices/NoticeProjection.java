package community.platform.query.notices;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.Lookups;
import community.platform.query.views.ViewBatch;
import community.platform.query.views.ViewCodec;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.Notice;
import community.platform.shared.notices.NoticeReadEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
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
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The in-app inbox ({@value #NOTICES}): the notices each feature's rules give its records' events
 * ({@link VolunteeringNoticeRules}, {@link FestivalNoticeRules}, {@link CourseNoticeRules}), stored for each recipient.
 * Who holds a place is kept per record ({@value #MEMBERS}). A notice's id comes from the event that caused it, so
 * re-applying an event writes the same notice again; read flags come from the recipients' inbox events and survive a
 * rebuild. Sending notices elsewhere is {@link NoticeDelivery}'s, which a replay never runs.
 */
@Component
@ProcessingGroup(NoticeProjection.GROUP)
class NoticeProjection {

    public static final String GROUP = "notices";
    static final String NOTICES = "notices";
    static final String MEMBERS = "noticePostMembers";

    private final MongoCollection<Document> notices;
    private final MongoCollection<Document> members;
    private final QueryUpdateEmitter updates;

    public NoticeProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        this.notices = platformViewDatabase.getCollection(NOTICES);
        this.members = platformViewDatabase.getCollection(MEMBERS);
        this.updates = updates;
        Lookups.by(notices, "recipient");
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.postId(), sequence, at, title -> VolunteeringNoticeRules.of(event, title));
    }

    @EventHandler
    void on(FestivalEventEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.eventId(), sequence, at, title -> FestivalNoticeRules.of(event, title));
    }

    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.courseId(), sequence, at, title -> CourseNoticeRules.of(event, title));
    }

    /** Applies one event of a record once: its members change, and its notices are stored. */
    private void apply(String recordId, long sequence, Instant at, Function<String, Change> rules) {
        Members before = Members.find(members, recordId);
        if (before.applied(sequence)) {
            return;
        }
        Change change = rules.apply(before.title());
        Members after = before.after(change, sequence);
        ViewBatch batch = ViewBatch.current();
        for (String recipient : after.told(change)) {
            store(batch, recordId + "-" + sequence + "-" + recipient, recipient, at, change.told());
        }
        batch.replace(members, after.toDocument());
    }

    private void store(ViewBatch batch, String id, String recipient, Instant at, Change.Told told) {
        batch.update(notices, id, Updates.combine(
                Updates.set("recipient", recipient), Updates.set("createdAt", Date.from(at)),
                Updates.set("subject", told.subject()), Updates.set("body", told.body()),
                Updates.set("kind", told.kind()), Updates.set("args", new Document(new HashMap<>(told.args()))),
                Updates.setOnInsert("read", false)), true);
        updates.emit(FindNoticesQuery.class, query -> query.recipient().equals(recipient), List.of());
    }

    /**
     * A notice as stored. It is written field by field, not replaced, so that a notice read before it is stored (the
     * read event of another processor) stays read.
     */
    record Stored(@JsonProperty("_id") String id, String recipient, Instant createdAt, String subject, String body,
                  boolean read, String kind, Map<String, String> args) {

        Notice notice() {
            return new Notice(id, recipient, createdAt, subject, body, read, kind, args == null ? Map.of() : args);
        }
    }

    @EventHandler
    void on(NoticeReadEvent event) {
        ViewBatch.current().update(notices, event.noticeId(), Updates.set("read", true), true);
        updates.emit(FindNoticesQuery.class, query -> query.recipient().equals(event.recipient()), List.of());
    }

    @ResetHandler
    void reset() {
        Mono.from(notices.deleteMany(new Document())).block();
        Mono.from(members.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<Notice>> handle(FindNoticesQuery query) {
        return Flux.from(notices.find(Filters.eq("recipient", query.recipient())))
                   .map(stored -> ViewCodec.fromDocument(stored, Stored.class).notice())
                   .sort(Comparator.comparing(Notice::createdAt).reversed().thenComparing(Notice::id))
                   .collectList()
                   .toFuture();
    }
}
