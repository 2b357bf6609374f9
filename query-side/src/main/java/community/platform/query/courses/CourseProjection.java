package community.platform.query.courses;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.audit.RecordFold;
import community.platform.query.views.Erased;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.Lookups;
import community.platform.query.views.ReadCache;
import community.platform.query.views.ReadCaches;
import community.platform.query.views.ViewBatch;
import community.platform.query.views.ViewCodec;
import community.platform.shared.FreshReads;
import community.platform.shared.RuleViolation;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.Children;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.EnrollmentDecision;
import community.platform.shared.courses.EnrollmentOutcome;
import community.platform.shared.courses.EnrollmentRejectedEvent;
import community.platform.shared.courses.FindCourseQuery;
import community.platform.shared.courses.FindEnrollmentDecisionQuery;
import community.platform.shared.courses.FindGuardianCoursesQuery;
import community.platform.shared.personal.ErasureRefusedEvent;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;

/**
 * The course view ({@value #COLLECTION}): one document per course holding its {@link CourseDetails} (details, roster
 * and waitlist, attendance sheet, feedback, completions), plus the guardians with a child in it, so a guardian's
 * courses are one query; and how each request for a place was decided ({@value #DECISIONS}). A course's details are
 * read through this instance's {@link ReadCache}, told of each event by {@link CourseEventsSeen}. The catalogue and the
 * course's page, which show counts, read {@link CourseCatalogueProjection}.
 */
@Component
@ProcessingGroup(CourseProjection.GROUP)
class CourseProjection implements RecordFold<CourseEvent, CourseDetails> {

    public static final String GROUP = "courses";
    static final String COLLECTION = "courseViews";
    /** How each request for a place was decided, by enrollment id, for the guardian waiting on it. */
    static final String DECISIONS = "enrollmentDecisions";
    /** Which child each pending request for a child's erasure names (see {@link #on(ErasureRequestedEvent)}). */
    static final String CHILD_ERASURES = "childErasureRequests";

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> decisions;
    private final MongoCollection<Document> childErasures;
    private final QueryUpdateEmitter updates;
    private final ReadCache cache;

    public CourseProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        this(platformViewDatabase, updates, ReadCaches.NONE);
    }

    @Autowired
    public CourseProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates, ReadCaches caches) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
        this.decisions = platformViewDatabase.getCollection(DECISIONS);
        this.childErasures = platformViewDatabase.getCollection(CHILD_ERASURES);
        this.updates = updates;
        this.cache = caches.of(views);
        Lookups.by(views, "guardians", "completions.enrollmentId");
    }

    /** This instance has seen the event (its projection may not have written it yet). */
    void seen(CourseEvent event, long sequence) {
        cache.seen(event.courseId(), sequence);
    }

    /** Runs on a processor thread: blocking on the write is intended, and updates go out after it. */
    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence) {
        KeyedViews.update(views, event.courseId(), sequence, CourseProjection::read,
                          before -> apply(before, event, sequence, null), (view, seq) -> write(view))
                  .ifPresent(view -> updates.emit(FindCourseQuery.class,
                                                  query -> query.courseId().equals(event.courseId()),
                                                  Optional.of(view)));
        decision(event, sequence).ifPresent(decision -> {
            // written after the courses' documents, so a guardian told the decision reads the course with it
            ViewBatch batch = ViewBatch.current();
            batch.last(decisions);
            batch.replace(decisions, write(decision));
            updates.emit(FindEnrollmentDecisionQuery.class,
                         query -> query.enrollmentId().equals(decision.enrollmentId())
                                 && query.courseId().equals(decision.courseId()),
                         Optional.of(decision));
        });
    }

    private static Optional<EnrollmentDecision> decision(CourseEvent event, long sequence) {
        if (event instanceof ChildEnrolledEvent e) {
            return Optional.of(new EnrollmentDecision(e.courseId(), e.enrollmentId(), new EnrollmentOutcome(
                    EnrollmentOutcome.Status.ENROLLED, null, sequence), null));
        }
        if (event instanceof ChildWaitlistedEvent e) {
            return Optional.of(new EnrollmentDecision(e.courseId(), e.enrollmentId(), new EnrollmentOutcome(
                    EnrollmentOutcome.Status.WAITLISTED, e.position(), sequence), null));
        }
        if (event instanceof EnrollmentRejectedEvent e) {
            return Optional.of(new EnrollmentDecision(e.courseId(), e.enrollmentId(), null,
                                                      new RuleViolation(e.code(), e.detail(), e.subject())));
        }
        return Optional.empty();
    }

    @Override
    public Class<CourseEvent> events() {
        return CourseEvent.class;
    }

    @Override
    public CourseDetails apply(CourseDetails before, CourseEvent event, long sequence, Instant at) {
        return CourseView.apply(before, event, sequence);
    }

    @Override
    public Object present(CourseDetails view, long sequence, Instant asOf) {
        return view;
    }

    /**
     * A guardian asked for a child's erasure: which child (as {@link Children#key} knows them) is kept beside the views
     * ({@value #CHILD_ERASURES}) until the request is decided, since the enrollment named may be withdrawn meanwhile.
     */
    @EventHandler
    void on(ErasureRequestedEvent event) {
        if (event.subject() != ErasureSubject.CHILD) {
            return;
        }
        Document stored = ViewBatch.current().find(views, event.courseId());
        Optional<String> name = stored == null ? Optional.empty() : childNamed(read(stored), event.enrollmentId());
        name.ifPresent(child -> ViewBatch.current().replace(childErasures, new Document("_id", event.requestId())
                .append("child", Children.key(event.username(), child))));
    }

    private static Optional<String> childNamed(CourseDetails course, String enrollmentId) {
        return course.enrollment(enrollmentId).map(CourseDetails.Enrollment::childName)
                     .or(() -> course.completions().stream().filter(c -> c.enrollmentId().equals(enrollmentId))
                                     .map(CourseCompletion::childName).findFirst());
    }

    /**
     * The erased guardian's feedback comments; or, for a child's erasure, the child's name wherever their guardian's
     * courses show it (seats, queue, completions).
     */
    @EventHandler
    void on(PersonalDataErasedEvent event) {
        if (event.ofAccount()) {
            Erased.inLists(views, "feedback", "guardian", event.username(), "comment");
            return;
        }
        Document asked = ViewBatch.current().find(childErasures, event.requestId());
        String child = asked != null ? asked.getString("child") : childFinished(event.username(), event.enrollmentId());
        if (child == null) {
            return;
        }
        for (String list : List.of("enrolled", "waitlist", "completions")) {
            Erased.inLists(views, list, "guardian", event.username(),
                           element -> element.get("childName") instanceof String name
                                   && Children.key(event.username(), name).equals(child), "childName");
        }
        ViewBatch.current().delete(childErasures, event.requestId());
    }

    /**
     * The child a completed course recorded under this enrollment (an erasure at the end of the retention period names
     * no request: the course's completions still name the child).
     */
    private String childFinished(String guardian, String enrollmentId) {
        Document stored = Mono.from(views.find(eq("completions.enrollmentId", enrollmentId)).first()).block();
        return stored == null ? null : childNamed(read(stored), enrollmentId)
                .filter(name -> !PersonalData.ERASED.equals(name))
                .map(name -> Children.key(guardian, name)).orElse(null);
    }

    @EventHandler
    void on(ErasureRefusedEvent event) {
        ViewBatch.current().delete(childErasures, event.requestId());
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
        Mono.from(decisions.deleteMany(new Document())).block();
        Mono.from(childErasures.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<Optional<EnrollmentDecision>> handle(FindEnrollmentDecisionQuery query) {
        return Mono.from(decisions.find(Filters.and(eq("_id", query.enrollmentId()),
                                                    eq("courseId", query.courseId()))).first())
                   .map(d -> Optional.of(readDecision(d)))
                   .defaultIfEmpty(Optional.empty()).toFuture();
    }

    CompletableFuture<Optional<CourseDetails>> handle(FindCourseQuery query) {
        return handle(query, null);
    }

    /** From the cache, unless the caller waits for its own write ({@link FreshReads}). */
    @QueryHandler
    CompletableFuture<Optional<CourseDetails>> handle(FindCourseQuery query,
                                                      @MetaDataValue(FreshReads.METADATA) Object fresh) {
        return cache.record(query.courseId(), CourseProjection::read, fresh)
                .map(read -> Optional.of(read.value()))
                .defaultIfEmpty(Optional.empty()).toFuture();
    }

    @QueryHandler
    CompletableFuture<List<CourseDetails>> handle(FindGuardianCoursesQuery query) {
        return sorted(Flux.from(views.find(eq("guardians", query.guardian()))).map(CourseProjection::read));
    }

    private static CompletableFuture<List<CourseDetails>> sorted(Flux<CourseDetails> courses) {
        return courses.sort(Comparator.comparing(CourseDetails::firstSessionStartsAt).thenComparing(CourseDetails::id))
                      .collectList().toFuture();
    }

    /** With its id and version as MongoDB keys it, and the guardians a guardian's courses are found by. */
    static Document write(CourseDetails view) {
        return ViewCodec.toDocument(view)
                        .append("_id", view.id())
                        .append("lastSequence", view.version())
                        .append("guardians", Stream.concat(view.enrolled().stream(), view.waitlist().stream())
                                                   .map(CourseDetails.Enrollment::guardian).distinct().toList());
    }

    private static Document write(EnrollmentDecision decision) {
        return ViewCodec.toDocument(decision).append("_id", decision.enrollmentId());
    }

    private static EnrollmentDecision readDecision(Document stored) {
        return ViewCodec.fromDocument(stored, EnrollmentDecision.class);
    }

    static CourseDetails read(Document stored) {
        return ViewCodec.fromDocument(stored, CourseDetails.class);
    }
}
