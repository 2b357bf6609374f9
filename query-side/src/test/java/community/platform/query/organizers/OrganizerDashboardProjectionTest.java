package community.platform.query.organizers;

import community.platform.query.EmbeddedMongo;
import community.platform.query.processing.CaughtUp;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseStatus;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.EventStatus;
import community.platform.shared.festival.FestivalEventCancelledEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventRescheduledEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.ResidentRegisteredEvent;
import community.platform.shared.festival.ResidentWaitlistedEvent;
import community.platform.shared.organizers.FindOrganizerDashboardQuery;
import community.platform.shared.organizers.OrganizerDashboard;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An organizer's dashboard against the embedded server. */
class OrganizerDashboardProjectionTest {

    private static final Instant NOW = Instant.parse("2027-01-10T02:00:00Z");
    private static final Instant SOON = NOW.plus(Duration.ofDays(3));
    private static final Instant LATER = NOW.plus(Duration.ofDays(9));
    private static final Instant PAST = NOW.minus(Duration.ofDays(2));

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final OrganizerDashboardProjection projection = new OrganizerDashboardProjection(
            mongo.database(), CaughtUp.NOW, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static List<VolunteerPostEvent> post(String postId, String organizer, Instant startsAt) {
        return List.of(new VolunteerPostPublishedEvent(postId, organizer, "Shift " + postId, "", "green", "Park",
                                                       startsAt, startsAt.plus(Duration.ofHours(2)), 1, null,
                                                       List.of()));
    }

    /** Filled, queued, withdrawn from, promoted into: one seated, nobody waiting; then moved later. */
    private static final List<VolunteerPostEvent> BUSY_POST = List.of(
            post("post-busy", "zhang", SOON).get(0),
            new VolunteerSignedUpEvent("post-busy", "lihua", "Li Hua", 1, 0),
            new VolunteerWaitlistedEvent("post-busy", "wang", "Wang", 1, 1, 1),
            new VolunteerWaitlistedEvent("post-busy", "zhao", "Zhao", 1, 1, 2),
            new SignUpWithdrawnEvent("post-busy", "lihua", true),
            new VolunteerPromotedEvent("post-busy", "wang", 1, 0, 1),
            new VolunteerPostRescheduledEvent("post-busy", SOON, SOON.plus(Duration.ofHours(2)), LATER,
                                              LATER.plus(Duration.ofHours(2)), "rain"));
    private static final List<FestivalEventEvent> EVENT = List.of(
            new FestivalEventScheduledEvent("fe-1", "zhang", "Couplets", EventKind.COMPETITION, "Hall", SOON,
                                            SOON.plus(Duration.ofHours(3)), 1, ""),
            new ResidentRegisteredEvent("fe-1", "lihua", "Li Hua", 1, 0),
            new ResidentWaitlistedEvent("fe-1", "wang", "Wang", 1, 1, 1),
            new FestivalEventRescheduledEvent("fe-1", "Hall", SOON, SOON.plus(Duration.ofHours(3)), "Library", SOON,
                                              SOON.plus(Duration.ofHours(3)), "flooded"));
    private static final List<FestivalEventEvent> CANCELLED_EVENT = List.of(
            new FestivalEventScheduledEvent("fe-0", "zhang", "Lanterns", EventKind.WORKSHOP, "Hall", PAST,
                                            PAST.plus(Duration.ofHours(3)), 10, ""),
            new FestivalEventCancelledEvent("fe-0", "storm"));
    private static final List<CourseEvent> COURSE = List.of(
            new CourseCreatedEvent("course-1", "zhang", "Paper cutting", "", "Teacher Wu", 2, 4, 1,
                                   List.of(new CourseSession(1, SOON, SOON.plus(Duration.ofMinutes(90)), "Room 2"),
                                           new CourseSession(2, LATER, LATER.plus(Duration.ofMinutes(90)), "Room 2"))),
            new CoursePublishedEvent("course-1"),
            new ChildEnrolledEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3, 1, 0),
            new ChildWaitlistedEvent("course-1", "e-2", "wang", "Wang Xiaohong", 2, 1, 1, 1),
            new ChildWaitlistedEvent("course-1", "e-3", "zhao", "Zhao Xiaoli", 2, 1, 1, 2),
            new EnrollmentWithdrawnEvent("course-1", "e-1", "lihua", true),
            new EnrollmentPromotedEvent("course-1", "e-2", "wang", 1, 0, 1));
    private static final List<CourseEvent> DRAFT = List.of(
            new CourseCreatedEvent("course-0", "zhang", "Calligraphy", "", "Teacher Li", 1, 6, 10,
                                   List.of(new CourseSession(1, PAST, PAST.plus(Duration.ofMinutes(90)), "Room 1"))));

    private void applyAll() {
        List.of(BUSY_POST, post("post-past", "zhang", PAST), post("post-other", "li", SOON))
            .forEach(events -> {
                for (int seq = 0; seq < events.size(); seq++) {
                    projection.on(events.get(seq), seq);
                }
            });
        List.of(EVENT, CANCELLED_EVENT).forEach(events -> {
            for (int seq = 0; seq < events.size(); seq++) {
                projection.on(events.get(seq), seq);
            }
        });
        List.of(COURSE, DRAFT).forEach(events -> {
            for (int seq = 0; seq < events.size(); seq++) {
                projection.on(events.get(seq), seq);
            }
        });
    }

    private Mono<OrganizerDashboard> dashboard(String organizer) {
        return Mono.fromFuture(() -> projection.handle(new FindOrganizerDashboardQuery(organizer)))
                   .map(found -> found.get());
    }

    private static final OrganizerDashboard ZHANG = new OrganizerDashboard(
            List.of(new OrganizerDashboard.Post("post-past", "Shift post-past", "green", "Park", PAST,
                                                PAST.plus(Duration.ofHours(2)), 1, 0, 0, PostStatus.COMPLETED),
                    new OrganizerDashboard.Post("post-busy", "Shift post-busy", "green", "Park", LATER,
                                                LATER.plus(Duration.ofHours(2)), 1, 1, 1, PostStatus.FULL)),
            List.of(new OrganizerDashboard.Event("fe-0", "Lanterns", EventKind.WORKSHOP, "Hall", PAST,
                                                 PAST.plus(Duration.ofHours(3)), 10, 0, 0, EventStatus.CANCELLED),
                    new OrganizerDashboard.Event("fe-1", "Couplets", EventKind.COMPETITION, "Library", SOON,
                                                 SOON.plus(Duration.ofHours(3)), 1, 1, 1, EventStatus.FULL)),
            List.of(new OrganizerDashboard.Course("course-0", "Calligraphy", "Teacher Li", 1, 6, 1, 10, 0, 0,
                                                  CourseStatus.DRAFT),
                    new OrganizerDashboard.Course("course-1", "Paper cutting", "Teacher Wu", 2, 4, 2, 1, 1, 1,
                                                  CourseStatus.FULL)));

    @Test
    void anOrganizerSeesTheirOwnRecordsInOrderWithSeatsQueuesAndStatuses() {
        applyAll();

        StepVerifier.create(dashboard("zhang")).expectNext(ZHANG).verifyComplete();
        StepVerifier.create(dashboard("li"))
                    .assertNext(li -> {
                        assertThat(li.posts()).extracting(OrganizerDashboard.Post::id).containsExactly("post-other");
                        assertThat(li.events()).isEmpty();
                        assertThat(li.courses()).isEmpty();
                    })
                    .verifyComplete();
    }

    @Test
    void everyEventAppliedTwiceGivesTheSameDashboard() {
        applyAll();
        List<Document> once = stored();

        applyAll();

        assertThat(stored()).isEqualTo(once);
        StepVerifier.create(dashboard("zhang")).expectNext(ZHANG).verifyComplete();
    }

    @Test
    void aResetClearsTheDashboardAndTheEventsRebuildIt() {
        applyAll();

        projection.reset();

        StepVerifier.create(dashboard("zhang")).expectNext(new OrganizerDashboard(List.of(), List.of(), List.of()))
                    .verifyComplete();
        assertThat(stored()).isEmpty();
        applyAll();
        StepVerifier.create(dashboard("zhang")).expectNext(ZHANG).verifyComplete();
    }

    private List<Document> stored() {
        return Flux.concat(mongo.database().getCollection(OrganizerDashboardProjection.POSTS).find(),
                           mongo.database().getCollection(OrganizerDashboardProjection.EVENTS).find(),
                           mongo.database().getCollection(OrganizerDashboardProjection.COURSES).find())
                   .collectList().block();
    }
}
