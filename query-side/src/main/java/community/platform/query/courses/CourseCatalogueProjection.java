package community.platform.query.courses;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.InNeighbourhood;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.ReadCache;
import community.platform.query.views.ReadCaches;
import community.platform.query.views.ViewCodec;
import community.platform.shared.FreshReads;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseDetails.Session;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseStatus;
import community.platform.shared.courses.CourseSummary;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.FindCourseSummaryQuery;
import community.platform.shared.courses.ListCoursesQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * The course catalogue ({@value #COLLECTION}): one document per course as the catalogue and a course's page show it, a
 * {@link CourseSummary} with the seats taken and the queue's length but nobody's name. These are the pages everyone
 * loads while a course fills, so they never read a roster of hundreds of children to count it; the roster, the sheet
 * and the feedback stay in the course view ({@link CourseProjection}). Lists are filtered and ordered by MongoDB, and
 * both reads go through this instance's {@link ReadCache}, told of each event by {@link CourseEventsSeen}.
 */
@Component
@ProcessingGroup(CourseCatalogueProjection.GROUP)
class CourseCatalogueProjection {

    static final String GROUP = "course-catalogue";
    static final String COLLECTION = "courseCatalogue";

    private final MongoCollection<Document> views;
    private final QueryUpdateEmitter updates;
    private final ReadCache cache;

    public CourseCatalogueProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        this(platformViewDatabase, updates, ReadCaches.NONE);
    }

    @Autowired
    public CourseCatalogueProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates,
                                     ReadCaches caches) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
        this.updates = updates;
        this.cache = caches.of(views);
    }

    /** This instance has seen the event (its projection may not have written it yet). */
    void seen(CourseEvent event, long sequence) {
        cache.seen(event.courseId(), sequence);
    }

    /** Runs on a processor thread: blocking on the write is intended, and updates go out after it. */
    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence) {
        KeyedViews.update(views, event.courseId(), sequence, CourseCatalogueProjection::read,
                          before -> apply(before, event, sequence), (course, applied) -> write(course))
                  .ifPresent(course -> updates.emit(FindCourseSummaryQuery.class,
                                                    query -> query.courseId().equals(event.courseId()),
                                                    Optional.of(course)));
    }

    /** {@code before} is null for the event that creates the course; the answer carries {@code sequence}. */
    static CourseSummary apply(CourseSummary before, CourseEvent event, long sequence) {
        List<Session> sessions = CourseView.sessions(before == null ? List.of() : before.sessions(), event);
        if (event instanceof CourseCreatedEvent c) {
            return new CourseSummary(c.courseId(), c.organizer(), c.title(), c.description(), c.instructor(),
                                     c.minGrade(), c.maxGrade(), c.capacity(), false, false, sessions, 0, 0, sequence,
                                     c.neighbourhoodId());
        }
        int enrolled = before.enrolled();
        int waitlisted = before.waitlisted();
        if (event instanceof ChildEnrolledEvent) {
            enrolled++;
        } else if (event instanceof ChildWaitlistedEvent) {
            waitlisted++;
        } else if (event instanceof EnrollmentPromotedEvent) {
            enrolled++;
            waitlisted--;
        } else if (event instanceof EnrollmentWithdrawnEvent withdrawn && withdrawn.heldSeat()) {
            enrolled--;
        } else if (event instanceof EnrollmentWithdrawnEvent) {
            waitlisted--;
        }
        return new CourseSummary(before.id(), before.organizer(), before.title(), before.description(),
                                 before.instructor(), before.minGrade(), before.maxGrade(), before.capacity(),
                                 before.published() || event instanceof CoursePublishedEvent,
                                 before.completed() || event instanceof CourseCompletedEvent, sessions, enrolled,
                                 waitlisted, sequence, before.neighbourhoodId());
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    CompletableFuture<Optional<CourseSummary>> handle(FindCourseSummaryQuery query) {
        return handle(query, null);
    }

    /** From the cache, unless the caller waits for its own write ({@link FreshReads}). */
    @QueryHandler
    CompletableFuture<Optional<CourseSummary>> handle(FindCourseSummaryQuery query,
                                                      @MetaDataValue(FreshReads.METADATA) Object fresh) {
        return cache.record(query.courseId(), CourseCatalogueProjection::read, fresh)
                    .map(read -> Optional.of(read.value()))
                    .defaultIfEmpty(Optional.empty()).toFuture();
    }

    CompletableFuture<List<CourseSummary>> handle(ListCoursesQuery query) {
        return handle(query, null);
    }

    @QueryHandler
    CompletableFuture<List<CourseSummary>> handle(ListCoursesQuery query,
                                                  @MetaDataValue(FreshReads.METADATA) Object fresh) {
        List<Bson> filters = new ArrayList<>(List.of(eq("published", true)));
        if (query.grade() != null) {
            filters.add(Filters.lte("minGrade", query.grade()));
            filters.add(Filters.gte("maxGrade", query.grade()));
        }
        if (query.openSeats()) {
            filters.add(eq("status", CourseStatus.OPEN.name()));
        }
        if (query.organizer() != null) {
            filters.add(eq("organizer", query.organizer()));
        }
        if (query.neighbourhood() != null) {
            filters.add(InNeighbourhood.filter("neighbourhoodId", query.neighbourhood()));
        }
        Mono<List<CourseSummary>> stored = Flux.from(views.find(Filters.and(filters))
                                                          .sort(Sorts.ascending("firstStartsAt", "_id")))
                                               .map(CourseCatalogueProjection::read).collectList().map(List::copyOf);
        return cache.query(query, stored, fresh).toFuture();
    }

    /**
     * With its id and version as MongoDB keys it, and what lists filter and sort on beside the summary: its status
     * (OPEN while a seat is free) and its first session's start.
     */
    static Document write(CourseSummary course) {
        return ViewCodec.toDocument(course)
                        .append("_id", course.id())
                        .append("lastSequence", course.version())
                        .append("status", course.status().name())
                        .append("firstStartsAt", course.sessions().stream().map(Session::startsAt)
                                                       .min(Comparable::compareTo).map(Date::from).orElse(null));
    }

    static CourseSummary read(Document stored) {
        return ViewCodec.fromDocument(stored, CourseSummary.class);
    }
}
