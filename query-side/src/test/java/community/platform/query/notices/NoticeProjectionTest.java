package community.platform.query.notices;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.Notice;
import community.platform.shared.notices.NoticeReadEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeProjectionTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");
    private static final Instant AT = Instant.parse("2027-01-18T02:00:00Z");
    private static final List<VolunteerPostEvent> HISTORY = List.of(
            new VolunteerPostPublishedEvent("post-1", "zhang", "Park clean-up", "", "green", "East Park", STARTS,
                                            STARTS.plus(Duration.ofHours(2)), 1, null, List.of()),
            new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
            new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1),
            new VolunteerPostRescheduledEvent("post-1", STARTS, STARTS.plus(Duration.ofHours(2)),
                                              STARTS.plus(Duration.ofDays(1)),
                                              STARTS.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)), "rain"),
            new VolunteerPostCancelledEvent("post-1", "storm"));

    private EmbeddedMongo mongo;
    private NoticeProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new NoticeProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void applyAll() {
        for (int seq = 0; seq < HISTORY.size(); seq++) {
            projection.on(HISTORY.get(seq), seq, AT.plusSeconds(seq));
        }
    }

    private Mono<List<Notice>> notices(String recipient) {
        return Mono.fromFuture(() -> projection.handle(new FindNoticesQuery(recipient)));
    }

    @Test
    void everyoneHoldingAPlaceIsToldWhatChangedNewestFirst() {
        applyAll();

        StepVerifier.create(notices("wang"))
                    .assertNext(notices -> {
                        assertThat(notices).extracting(Notice::subject)
                                           .containsExactly("Cancelled: Park clean-up", "Rescheduled: Park clean-up");
                        assertThat(notices.get(1).body()).contains("2027-01-20 15:30", "2027-01-21 15:30", "rain");
                        assertThat(notices.get(0).body()).contains("storm");
                    })
                    .verifyComplete();
    }

    @Test
    void festivalRegistrantsAreToldOfAMoveToAnotherVenue() {
        Instant starts = STARTS.plus(Duration.ofDays(10));
        List<community.platform.shared.festival.FestivalEventEvent> festival = List.of(
                new community.platform.shared.festival.FestivalEventScheduledEvent(
                        "fe-1", "zhang", "Writing workshop", community.platform.shared.festival.EventKind.WORKSHOP,
                        "Culture Hall", starts, starts.plus(Duration.ofHours(2)), 20, ""),
                new community.platform.shared.festival.ResidentRegisteredEvent("fe-1", "lihua", "Li Hua", 20, 0),
                new community.platform.shared.festival.FestivalEventRescheduledEvent(
                        "fe-1", "Culture Hall", starts, starts.plus(Duration.ofHours(2)), "Library", starts,
                        starts.plus(Duration.ofHours(2)), "hall flooded"));
        for (int seq = 0; seq < festival.size(); seq++) {
            projection.on(festival.get(seq), seq, AT.plusSeconds(seq));
        }

        StepVerifier.create(notices("lihua"))
                    .assertNext(notices -> {
                        assertThat(notices).extracting(Notice::subject).containsExactly("Rescheduled: Writing workshop");
                        assertThat(notices.get(0).body()).contains("now at Library", "hall flooded");
                    })
                    .verifyComplete();
    }

    @Test
    void guardiansAreToldOfAMovedOrCancelledSessionAndOfASeatForTheirChild() {
        CourseSession first = new CourseSession(1, STARTS, STARTS.plus(Duration.ofMinutes(90)), "Room 2");
        CourseSession second = new CourseSession(2, STARTS.plus(Duration.ofDays(7)),
                                                 STARTS.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(90)), "Room 2");
        CourseSession moved = new CourseSession(1, STARTS.plus(Duration.ofDays(1)),
                                                STARTS.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(90)), "Room 5");
        List<CourseEvent> course = List.of(
                new CourseCreatedEvent("course-1", "zhang", "Paper cutting", "", "Teacher Wu", 1, 6, 1,
                                       List.of(first, second)),
                new ChildEnrolledEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3, 1, 0),
                new ChildWaitlistedEvent("course-1", "e-2", "wang", "Wang Xiaohong", 3, 1, 1, 1),
                new CourseSessionRescheduledEvent("course-1", first, moved, "sports day"),
                new EnrollmentWithdrawnEvent("course-1", "e-1", "lihua", true),
                new EnrollmentPromotedEvent("course-1", "e-2", "wang", 1, 0, 1),
                new CourseSessionCancelledEvent("course-1", second, "holiday"));
        for (int seq = 0; seq < course.size(); seq++) {
            projection.on(course.get(seq), seq, AT.plusSeconds(seq));
        }

        StepVerifier.create(notices("wang"))
                    .assertNext(notices -> {
                        assertThat(notices).extracting(Notice::subject).containsExactly(
                                "Cancelled: Paper cutting, session 2 (2027-01-27 15:30, Beijing time)",
                                "Your child has a seat: Paper cutting",
                                "Rescheduled: Paper cutting, session 1");
                        assertThat(notices.get(2).body()).contains("2027-01-21 15:30", "now at Room 5", "sports day");
                        // the same, for pages in other languages
                        assertThat(notices).extracting(Notice::kind)
                                           .containsExactly("cancelled", "childSeat", "rescheduled");
                        assertThat(notices.get(0).args()).containsEntry("session", "2")
                                                         .containsEntry("when", "2027-01-27 15:30")
                                                         .containsEntry("reason", "holiday");
                        assertThat(notices.get(1).args()).containsEntry("title", "Paper cutting")
                                                         .containsEntry("enrollment", "e-2");
                        assertThat(notices.get(2).args()).containsEntry("title", "Paper cutting")
                                                         .containsEntry("session", "1")
                                                         .containsEntry("to", "2027-01-21 15:30–2027-01-21 17:00")
                                                         .containsEntry("venue", "Room 5")
                                                         .containsEntry("reason", "sports day");
                    })
                    .verifyComplete();
        // withdrawn before the cancellation: told of the move only
        StepVerifier.create(notices("lihua"))
                    .assertNext(notices -> assertThat(notices).extracting(Notice::subject)
                                                              .containsExactly("Rescheduled: Paper cutting, session 1"))
                    .verifyComplete();
    }

    @Test
    void applyingEventsTwiceChangesNothing() {
        applyAll();
        List<Notice> once = notices("lihua").block();

        applyAll();

        StepVerifier.create(notices("lihua")).expectNext(once).verifyComplete();
    }

    @Test
    void aRebuildGivesTheSameNoticesWithTheirReadFlags() {
        applyAll();
        String first = notices("lihua").block().get(0).id();
        projection.on(new NoticeReadEvent("inbox-lihua", "lihua", first));
        List<Notice> live = notices("lihua").block();

        projection.reset();
        projection.on(new NoticeReadEvent("inbox-lihua", "lihua", first));
        applyAll();

        StepVerifier.create(notices("lihua")).expectNext(live).verifyComplete();
        assertThat(live.get(0).read()).isTrue();
    }
}
