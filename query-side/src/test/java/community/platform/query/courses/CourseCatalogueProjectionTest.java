package community.platform.query.courses;

import com.mongodb.client.model.Updates;
import community.platform.query.EmbeddedMongo;
import community.platform.query.views.ReadCaches;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseStatus;
import community.platform.shared.courses.CourseSummary;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.FindCourseSummaryQuery;
import community.platform.shared.courses.ListCoursesQuery;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The course catalogue against the embedded server: it lists and filters as the catalogue page asks, an event applied
 * twice changes nothing, and a read through the cache shows each event this instance has seen.
 */
class CourseCatalogueProjectionTest {

    private static final Instant MONDAY = Instant.parse("2027-03-01T07:30:00Z");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private CourseCatalogueProjection catalogue = new CourseCatalogueProjection(
            mongo.database(), SimpleQueryUpdateEmitter.builder().build());

    @AfterEach
    void stop() {
        mongo.close();
    }

    static List<CourseSession> sessions(Instant first) {
        return List.of(new CourseSession(1, first, first.plus(Duration.ofMinutes(90)), "Room 2"),
                       new CourseSession(2, first.plus(Duration.ofDays(7)),
                                         first.plus(Duration.ofDays(7).plusMinutes(90)), "Room 2"));
    }

    static CourseCreatedEvent created(String courseId, String organizer, int minGrade, int maxGrade,
                                              int capacity, Instant first) {
        return new CourseCreatedEvent(courseId, organizer, "Course " + courseId, "", "Teacher Wu", minGrade, maxGrade,
                                      capacity, sessions(first));
    }

    /** Applies {@code events} from sequence {@code from}; answers the next sequence. */
    private long apply(long from, CourseEvent... events) {
        long sequence = from;
        for (CourseEvent event : events) {
            catalogue.on(event, sequence++);
        }
        return sequence;
    }

    private Mono<CourseSummary> summary(String courseId) {
        return Mono.fromFuture(() -> catalogue.handle(new FindCourseSummaryQuery(courseId))).flatMap(Mono::justOrEmpty);
    }

    private Mono<List<String>> listed(ListCoursesQuery query) {
        return Mono.fromFuture(() -> catalogue.handle(query))
                   .map(courses -> courses.stream().map(CourseSummary::id).toList());
    }

    private List<Document> stored() {
        return Flux.from(mongo.database().getCollection(CourseCatalogueProjection.COLLECTION).find())
                   .collectList().block();
    }

    @Test
    void aCourseReadsWithItsCountsAndUnknownCoursesAreEmpty() {
        apply(0, created("c", "zhang", 2, 4, 1, MONDAY), new CoursePublishedEvent("c"),
              new ChildEnrolledEvent("c", "e-1", "lihua", "Li Xiaoming", 3, 1, 0),
              new ChildWaitlistedEvent("c", "e-2", "wang", "Wang Xiaohong", 2, 1, 1, 1));

        StepVerifier.create(summary("c"))
                    .assertNext(card -> {
                        assertThat(card.status()).isEqualTo(CourseStatus.FULL);
                        assertThat(List.of(card.enrolled(), card.waitlisted(), card.openSeats()))
                                .containsExactly(1, 1, 0);
                        assertThat(card.version()).isEqualTo(3);
                    })
                    .verifyComplete();
        StepVerifier.create(summary("nope")).verifyComplete();
        assertThat(stored().get(0).toJson()).as("no child's name in the catalogue")
                                            .doesNotContain("Li Xiaoming", "lihua");
    }

    @Test
    void eventsAppliedTwiceChangeNothing() {
        CourseEvent[] term = {created("c", "zhang", 2, 4, 1, MONDAY), new CoursePublishedEvent("c"),
                              new ChildEnrolledEvent("c", "e-1", "lihua", "Li Xiaoming", 3, 1, 0),
                              new EnrollmentWithdrawnEvent("c", "e-1", "lihua", true)};
        apply(0, term);
        List<Document> once = stored();

        apply(0, term);

        assertThat(stored()).isEqualTo(once);
    }

    @Test
    void theCatalogueListsPublishedCoursesByFirstSessionFilteredByGradeOpenSeatsAndOrganizer() {
        apply(0, created("late", "zhang", 1, 6, 1, MONDAY.plus(Duration.ofDays(7))), new CoursePublishedEvent("late"));
        apply(0, created("full", "li", 2, 4, 1, MONDAY), new CoursePublishedEvent("full"),
              new ChildEnrolledEvent("full", "e-1", "lihua", "Li Xiaoming", 3, 1, 0));
        apply(0, created("early", "zhang", 5, 6, 1, MONDAY.minus(Duration.ofDays(1))),
              new CoursePublishedEvent("early"));
        apply(0, created("draft", "zhang", 1, 6, 1, MONDAY));
        apply(0, created("done", "li", 1, 6, 5, MONDAY), new CoursePublishedEvent("done"),
              new CourseCompletedEvent("done", 2, List.of()));

        StepVerifier.create(listed(new ListCoursesQuery(null, false)))
                    .expectNext(List.of("early", "done", "full", "late")).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(3, false)))
                    .expectNext(List.of("done", "full", "late")).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(null, true)))
                    .as("a full course and a completed one have no seat to take")
                    .expectNext(List.of("early", "late")).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(null, false, "zhang")))
                    .expectNext(List.of("early", "late")).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(3, false, "zhang")))
                    .expectNext(List.of("late")).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(7, false))).expectNext(List.of()).verifyComplete();
    }

    /**
     * Through the cache: a course read once is served from the cache (a change behind its back does not show), and an
     * event of the course seen by this instance is shown at the next read, the list's too.
     */
    @Test
    void aCachedCourseShowsEachEventThisInstanceHasSeen() {
        catalogue = new CourseCatalogueProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build(),
                                                  new ReadCaches(100, Duration.ofMinutes(1)));
        CourseEventsSeen seen = new CourseEventsSeen(new CourseProjection(mongo.database(),
                                                                          SimpleQueryUpdateEmitter.builder().build()),
                                                     catalogue);
        CourseEvent[] opened = {created("c", "zhang", 2, 4, 2, MONDAY), new CoursePublishedEvent("c")};
        for (int sequence = 0; sequence < opened.length; sequence++) {
            seen.on(opened[sequence], sequence);
            catalogue.on(opened[sequence], sequence);
        }
        StepVerifier.create(summary("c")).expectNextMatches(card -> card.enrolled() == 0).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(null, true))).expectNext(List.of("c")).verifyComplete();
        Mono.from(mongo.database().getCollection(CourseCatalogueProjection.COLLECTION)
                       .updateOne(eq("_id", "c"), Updates.set("title", "Retitled"))).block();
        StepVerifier.create(summary("c")).expectNextMatches(card -> card.title().equals("Course c"))
                    .as("served from the cache").verifyComplete();

        ChildEnrolledEvent enrolled = new ChildEnrolledEvent("c", "e-1", "lihua", "Li Xiaoming", 3, 2, 0);
        seen.on(enrolled, 2);
        catalogue.on(enrolled, 2);

        StepVerifier.create(summary("c")).expectNextMatches(card -> card.enrolled() == 1 && card.version() == 2)
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> catalogue.handle(new ListCoursesQuery(null, true))))
                    .expectNextMatches(list -> list.get(0).enrolled() == 1).verifyComplete();
    }
}
