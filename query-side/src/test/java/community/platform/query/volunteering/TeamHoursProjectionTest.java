package community.platform.query.volunteering;

import community.platform.query.EmbeddedMongo;
import community.platform.query.processing.CaughtUp;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.FindTeamHoursQuery;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.TeamHours;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hours by team and month against the embedded server. */
class TeamHoursProjectionTest {

    /** 2027-01-31 23:30 in Beijing: a January shift, though February in UTC+9 and later. */
    private static final Instant JANUARY = Instant.parse("2027-01-31T15:30:00Z");
    /** 2027-02-01 00:30 in Beijing, still January in UTC. */
    private static final Instant FEBRUARY = Instant.parse("2027-01-31T16:30:00Z");
    private static final Instant MARCH = Instant.parse("2027-03-10T01:00:00Z");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final TeamHoursProjection projection = new TeamHoursProjection(mongo.database(), CaughtUp.NOW);
    /** Each event with its sequence in its post's stream. */
    private final List<Map.Entry<VolunteerPostEvent, Long>> history = new ArrayList<>();
    private final Map<String, Long> next = new HashMap<>();

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void given(VolunteerPostEvent... events) {
        for (VolunteerPostEvent event : events) {
            history.add(Map.entry(event, next.merge(event.postId(), 1L, Long::sum) - 1));
        }
    }

    private void publish(String postId, String organizer, String team, Instant startsAt) {
        given(new VolunteerPostPublishedEvent(postId, organizer, "Shift " + postId, "", team, "Park", startsAt,
                                              startsAt.plus(Duration.ofHours(2)), 5, null, List.of()));
    }

    private void attended(String postId, String volunteer, long minutes) {
        given(new VolunteerSignedUpEvent(postId, volunteer, volunteer, 5, 0),
              new AttendanceRecordedEvent(postId, volunteer, JANUARY, JANUARY.plus(Duration.ofMinutes(minutes)),
                                          minutes, false, null));
    }

    private void applyAll() {
        history.forEach(entry -> projection.on(entry.getKey(), entry.getValue()));
    }

    private Mono<TeamHours> hours(String organizer) {
        return Mono.fromFuture(() -> projection.handle(new FindTeamHoursQuery(organizer))).map(found -> found.get());
    }

    /** Two teams over two Beijing months, another organizer's post beside them. */
    private void twoTeams() {
        publish("post-1", "zhang", "green", JANUARY);
        attended("post-1", "lihua", 95);
        attended("post-1", "wang", 30);
        publish("post-2", "zhang", "health", FEBRUARY);
        attended("post-2", "lihua", 60);
        publish("post-3", "zhang", "green", FEBRUARY);
        publish("post-4", "li", "green", JANUARY);
        attended("post-4", "wang", 45);
    }

    @Test
    void minutesAddUpByTeamAndByTheBeijingMonthOfTheShift() {
        twoTeams();
        applyAll();

        StepVerifier.create(hours("zhang"))
                    .expectNext(new TeamHours(List.of("2027-01", "2027-02"), List.of(
                            new TeamHours.Team("green", List.of(125L, 0L), 125),
                            new TeamHours.Team("health", List.of(0L, 60L), 60))))
                    .verifyComplete();
        StepVerifier.create(hours("li"))
                    .expectNext(new TeamHours(List.of("2027-01"), List.of(new TeamHours.Team("green", List.of(45L), 45))))
                    .verifyComplete();
        StepVerifier.create(hours("nobody")).expectNext(new TeamHours(List.of(), List.of())).verifyComplete();
    }

    @Test
    void aCorrectionReplacesMinutesAWithdrawalTakesThemOffAndAMoveTakesThemToTheNewMonth() {
        twoTeams();
        given(new AttendanceRecordedEvent("post-1", "lihua", JANUARY, JANUARY.plus(Duration.ofMinutes(90)), 90, true,
                                          95L, "left early"),
              new SignUpWithdrawnEvent("post-1", "wang", true),
              new VolunteerPostRescheduledEvent("post-2", FEBRUARY, FEBRUARY.plus(Duration.ofHours(2)), MARCH,
                                                MARCH.plus(Duration.ofHours(2)), "rain"));
        applyAll();

        StepVerifier.create(hours("zhang"))
                    .expectNext(new TeamHours(List.of("2027-01", "2027-03"), List.of(
                            new TeamHours.Team("green", List.of(90L, 0L), 90),
                            new TeamHours.Team("health", List.of(0L, 60L), 60))))
                    .verifyComplete();
    }

    @Test
    void everyEventAppliedTwiceGivesTheSameHours() {
        twoTeams();
        applyAll();
        TeamHours once = hours("zhang").block();
        List<Document> stored = stored();

        applyAll();

        StepVerifier.create(hours("zhang")).expectNext(once).verifyComplete();
        assertThat(stored()).isEqualTo(stored);
    }

    @Test
    void aResetClearsTheHoursAndTheEventsRebuildThem() {
        twoTeams();
        applyAll();
        TeamHours live = hours("zhang").block();

        projection.reset();

        StepVerifier.create(hours("zhang")).expectNext(new TeamHours(List.of(), List.of())).verifyComplete();
        assertThat(Flux.from(mongo.database().getCollection(TeamHoursProjection.POSTS).find()).collectList().block())
                .isEmpty();
        applyAll();
        StepVerifier.create(hours("zhang")).expectNext(live).verifyComplete();
    }

    private List<Document> stored() {
        return Flux.concat(mongo.database().getCollection(TeamHoursProjection.CELLS).find(),
                           mongo.database().getCollection(TeamHoursProjection.POSTS).find())
                   .collectList().block();
    }
}
