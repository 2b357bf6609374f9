package community.platform.query.courses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.processing.CaughtUp;
import community.platform.query.views.InNeighbourhood;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.ViewCodec;
import community.platform.shared.courses.AttendanceMarkedEvent;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.CourseAttendanceRate;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.FindCourseAttendanceRateQuery;
import community.platform.shared.courses.ListCourseAttendanceRatesQuery;
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
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * Attendance rates ({@value #COLLECTION}): one document per course with its enrolled children's latest mark per
 * session (attended or not) and the counts the rate is made of. A child who leaves takes their marks along; a child
 * on the waiting list has none.
 */
@Component
@ProcessingGroup(AttendanceRatesProjection.GROUP)
class AttendanceRatesProjection {

    static final String GROUP = "attendance-rates";
    static final String COLLECTION = "attendanceRates";

    private final MongoCollection<Document> views;
    private final CaughtUp caughtUp;

    public AttendanceRatesProjection(MongoDatabase platformViewDatabase, CaughtUp caughtUp) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
        this.caughtUp = caughtUp;
    }

    /** A course's marks: per enrollment, per session number, whether the child attended. */
    record Rate(@JsonProperty("_id") String courseId, String organizer, String title, Map<Integer, Instant> sessions,
                Map<String, Map<Integer, Boolean>> marks, String neighbourhoodId) {

        static Rate apply(Rate before, CourseEvent event) {
            if (event instanceof CourseCreatedEvent created) {
                Map<Integer, Instant> sessions = new TreeMap<>();
                created.sessions().forEach(session -> sessions.put(session.number(), session.startsAt()));
                return new Rate(created.courseId(), created.organizer(), created.title(), sessions, Map.of(),
                                created.neighbourhoodId());
            }
            Map<Integer, Instant> sessions = new TreeMap<>(before.sessions());
            Map<String, Map<Integer, Boolean>> marks = new HashMap<>(before.marks());
            if (event instanceof ChildEnrolledEvent enrolled) {
                marks.put(enrolled.enrollmentId(), Map.of());
            } else if (event instanceof EnrollmentPromotedEvent promoted) {
                marks.put(promoted.enrollmentId(), Map.of());
            } else if (event instanceof EnrollmentWithdrawnEvent withdrawn) {
                marks.remove(withdrawn.enrollmentId());
            } else if (event instanceof AttendanceMarkedEvent marked && marks.containsKey(marked.enrollmentId())) {
                Map<Integer, Boolean> child = new TreeMap<>(marks.get(marked.enrollmentId()));
                child.put(marked.sessionNo(), marked.mark().attended());
                marks.put(marked.enrollmentId(), child);
            } else if (event instanceof CourseSessionRescheduledEvent moved) {
                CourseSession session = moved.session();
                sessions.put(session.number(), session.startsAt());
            }
            return new Rate(before.courseId(), before.organizer(), before.title(), sessions, marks,
                            before.neighbourhoodId());
        }

        long attended() {
            return marks.values().stream().flatMap(child -> child.values().stream()).filter(Boolean::booleanValue)
                        .count();
        }

        long marked() {
            return marks.values().stream().mapToLong(Map::size).sum();
        }

        /** The first session's start orders the organizer's courses, as their other lists do; null without any. */
        Date firstStartsAt() {
            return sessions.values().stream().min(Instant::compareTo).map(Date::from).orElse(null);
        }

        /** With what the queries filter and sort on beside the view: its first start and its counts. */
        Document toDocument(long lastSequence) {
            return ViewCodec.toDocument(this).append("firstStartsAt", firstStartsAt()).append("attended", attended())
                            .append("marked", marked()).append("lastSequence", lastSequence);
        }

        static Rate from(Document stored) {
            return ViewCodec.fromDocument(stored, Rate.class);
        }
    }

    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence) {
        KeyedViews.update(views, event.courseId(), sequence, Rate::from, before -> Rate.apply(before, event),
                          Rate::toDocument);
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    /** The organizer's courses that have marks, by first session (as their course list orders them). */
    @QueryHandler
    CompletableFuture<List<CourseAttendanceRate>> handle(ListCourseAttendanceRatesQuery query) {
        return caughtUp.await(GROUP)
                       .thenMany(Flux.defer(() -> views.find(Filters.and(
                                       eq("organizer", query.organizer()), Filters.gt("marked", 0L),
                                       query.neighbourhood() == null ? new Document()
                                               : InNeighbourhood.filter("neighbourhoodId", query.neighbourhood())))
                                                       .sort(Sorts.ascending("firstStartsAt", "_id"))))
                       .map(AttendanceRatesProjection::rate)
                       .collectList()
                       .toFuture();
    }

    @QueryHandler
    CompletableFuture<Optional<CourseAttendanceRate>> handle(FindCourseAttendanceRateQuery query) {
        return caughtUp.await(GROUP)
                       .then(Mono.defer(() -> Mono.from(views.find(eq("_id", query.courseId())).first())))
                       .map(d -> Optional.of(rate(d)))
                       .defaultIfEmpty(Optional.empty())
                       .toFuture();
    }

    private static CourseAttendanceRate rate(Document d) {
        long attended = d.getLong("attended");
        long marked = d.getLong("marked");
        return new CourseAttendanceRate(d.getString("_id"), d.getString("title"), attended, marked,
                                        marked == 0 ? null : (int) Math.round(100.0 * attended / marked));
    }
}
