package community.platform.query.courses;

import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.CourseSummary;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;

import static community.platform.query.courses.CourseCatalogueProjectionTest.created;
import static community.platform.query.courses.CourseCatalogueProjectionTest.sessions;
import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's card of a course, folded from its events, says what the course's own view says. */
class CourseSummaryAgreementTest {

    private static final Instant MONDAY = Instant.parse("2027-03-01T07:30:00Z");

    /**
     * A term as the course would record it: children ask for places in turn, some leave (a seat or a queue place),
     * the first in the queue moves up to a seat left free, sessions move and one is cancelled, and the course ends.
     * After each event the catalogue's card says what the course's own view says.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theCountsAgreeWithTheCoursesOwnViewAfterEveryEvent(long seed) {
        Random random = new Random(seed);
        int capacity = 1 + random.nextInt(5);
        List<String> seated = new ArrayList<>();
        LinkedList<String> queue = new LinkedList<>();
        List<CourseEvent> events = new ArrayList<>(List.of(created("c", "zhang", 1, 6, capacity, MONDAY),
                                                           new CoursePublishedEvent("c")));
        for (int step = 0; step < 120; step++) {
            int choice = random.nextInt(10);
            if (choice < 5) {
                String id = "e-" + step;
                if (seated.size() < capacity) {
                    events.add(new ChildEnrolledEvent("c", id, "g" + step, "Child " + step, 3, capacity,
                                                      seated.size()));
                    seated.add(id);
                } else {
                    queue.add(id);
                    events.add(new ChildWaitlistedEvent("c", id, "g" + step, "Child " + step, 3, capacity,
                                                        seated.size(), queue.size()));
                }
            } else if (choice < 8 && !(seated.isEmpty() && queue.isEmpty())) {
                boolean seat = queue.isEmpty() || !seated.isEmpty() && random.nextBoolean();
                String id = seat ? seated.remove(random.nextInt(seated.size()))
                                 : queue.remove(random.nextInt(queue.size()));
                events.add(new EnrollmentWithdrawnEvent("c", id, "g", seat));
                if (seat && !queue.isEmpty()) {
                    events.add(new EnrollmentPromotedEvent("c", queue.peek(), "g", capacity, seated.size(), 1));
                    seated.add(queue.poll());
                }
            } else if (choice == 8) {
                CourseSession moved = sessions(MONDAY.plus(Duration.ofHours(random.nextInt(48)))).get(1);
                events.add(random.nextBoolean() ? new CourseSessionRescheduledEvent("c", moved, moved, "rain")
                                                : new CourseSessionCancelledEvent("c", moved, "holiday"));
            }
        }
        events.add(new CourseCompletedEvent("c", 2, List.of()));

        CourseDetails course = null;
        CourseSummary card = null;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            course = CourseView.apply(course, events.get(sequence), sequence);
            card = CourseCatalogueProjection.apply(card, events.get(sequence), sequence);
            assertThat(List.of(card.enrolled(), card.waitlisted(), card.status(), card.sessions(), card.version()))
                    .as("after %s", events.get(sequence))
                    .isEqualTo(List.of(course.enrolled().size(), course.waitlist().size(), course.status(),
                                       course.sessions(), course.version()));
        }
        assertThat(card.enrolled()).isEqualTo(seated.size());
        assertThat(card.waitlisted()).isEqualTo(queue.size());
    }

}
