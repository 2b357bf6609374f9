package community.platform.query.courses;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.ListCoursesQuery;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The catalogue narrowed to one organizer's published courses. */
class CoursesByOrganizerTest {

    private static final Instant MONDAY = Instant.parse("2027-03-01T07:30:00Z");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final CourseProjection projection = new CourseProjection(mongo.database(),
                                                                     SimpleQueryUpdateEmitter.builder().build());

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void create(String courseId, String organizer, Instant first, boolean published) {
        projection.on(new CourseCreatedEvent(courseId, organizer, "Course " + courseId, "", "Teacher Wu", 1, 6, 10,
                                             List.of(new CourseSession(1, first, first.plus(Duration.ofMinutes(90)),
                                                                       "Room 2"))), 0);
        if (published) {
            projection.on(new CoursePublishedEvent(courseId), 1);
        }
    }

    private Mono<List<String>> listed(ListCoursesQuery query) {
        return Mono.fromFuture(() -> projection.handle(query))
                   .map(courses -> courses.stream().map(CourseDetails::id).toList());
    }

    @Test
    void anOrganizersPublishedCoursesAloneByFirstSession() {
        create("course-late", "zhang", MONDAY.plus(Duration.ofDays(7)), true);
        create("course-other", "li", MONDAY, true);
        create("course-early", "zhang", MONDAY, true);
        create("course-draft", "zhang", MONDAY, false);

        StepVerifier.create(listed(new ListCoursesQuery(null, false, "zhang")))
                    .expectNext(List.of("course-early", "course-late")).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(3, false, "zhang")))
                    .expectNext(List.of("course-early", "course-late")).verifyComplete();
        StepVerifier.create(listed(new ListCoursesQuery(null, false)))
                    .expectNext(List.of("course-early", "course-other", "course-late")).verifyComplete();
    }
}
