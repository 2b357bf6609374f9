package community.platform.query.volunteering;

import community.platform.query.EmbeddedMongo;
import community.platform.query.processing.CaughtUp;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.FindNeighbourhoodTeamHoursQuery;
import community.platform.shared.volunteering.ListNeighbourhoodHoursQuery;
import community.platform.shared.volunteering.NeighbourhoodHours;
import community.platform.shared.volunteering.TeamHours;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hours by neighbourhood against the embedded server: an organizer's in one neighbourhood, and the sub-district's
 * totals, a post of before neighbourhoods counting in the default one.
 */
class NeighbourhoodHoursProjectionTest {

    private static final Instant JANUARY = Instant.parse("2027-01-10T01:00:00Z");
    private static final String DONGHU = "nb-donghu";
    private static final String XIHU = "nb-xihu";

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final NeighbourhoodHoursProjection projection = new NeighbourhoodHoursProjection(mongo.database(),
                                                                                             CaughtUp.NOW);
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

    private void publish(String postId, String organizer, String neighbourhood) {
        given(new VolunteerPostPublishedEvent(postId, organizer, "Shift", "", "health", "Clinic", JANUARY,
                                              JANUARY.plus(Duration.ofHours(2)), 5, null, List.of(), neighbourhood));
    }

    private void attended(String postId, String volunteer, long minutes) {
        given(new VolunteerSignedUpEvent(postId, volunteer, volunteer, 5, 0),
              new AttendanceRecordedEvent(postId, volunteer, JANUARY, JANUARY.plus(Duration.ofMinutes(minutes)),
                                          minutes, false, null));
    }

    private void applyAll() {
        history.forEach(entry -> projection.on(entry.getKey(), entry.getValue()));
    }

    private Mono<List<NeighbourhoodHours>> totals() {
        return Mono.fromFuture(() -> projection.handle(new ListNeighbourhoodHoursQuery()));
    }

    private Mono<TeamHours> hours(String organizer, String neighbourhood) {
        return Mono.fromFuture(() -> projection.handle(new FindNeighbourhoodTeamHoursQuery(organizer, neighbourhood)))
                   .map(found -> found.get());
    }

    private void threeNeighbourhoods() {
        publish("post-1", "zhang", DONGHU);
        attended("post-1", "lihua", 90);
        attended("post-1", "wang", 30);
        publish("post-2", "zhang", XIHU);
        attended("post-2", "lihua", 60);
        publish("post-3", "li", DONGHU);
        attended("post-3", "chen", 45);
        // a post of before neighbourhoods: its event names none
        given(new VolunteerPostPublishedEvent("post-4", "li", "Old shift", "", "health", "Clinic", JANUARY,
                                              JANUARY.plus(Duration.ofHours(2)), 5, null, List.of(), null));
        attended("post-4", "chen", 15);
        publish("post-5", "li", XIHU); // no hours yet
    }

    @Test
    void theSubDistrictsTotalsAreByNeighbourhoodMostHoursFirst() {
        threeNeighbourhoods();
        applyAll();

        StepVerifier.create(totals())
                    .expectNext(List.of(new NeighbourhoodHours(DONGHU, 165, 2, 2),
                                        new NeighbourhoodHours(XIHU, 60, 1, 1),
                                        new NeighbourhoodHours(Neighbourhoods.DEFAULT, 15, 1, 1)))
                    .verifyComplete();
    }

    @Test
    void anOrganizersHoursInOneNeighbourhoodLeaveTheirOthersOut() {
        threeNeighbourhoods();
        applyAll();

        StepVerifier.create(hours("zhang", DONGHU))
                    .expectNext(new TeamHours(List.of("2027-01"), List.of(
                            new TeamHours.Team("health", List.of(120L), 120))))
                    .verifyComplete();
        StepVerifier.create(hours("zhang", XIHU))
                    .expectNext(new TeamHours(List.of("2027-01"), List.of(
                            new TeamHours.Team("health", List.of(60L), 60))))
                    .verifyComplete();
        StepVerifier.create(hours("li", XIHU)).expectNext(new TeamHours(List.of(), List.of())).verifyComplete();
    }

    @Test
    void everyEventAppliedTwiceGivesTheSameTotals() {
        threeNeighbourhoods();
        applyAll();
        List<NeighbourhoodHours> once = totals().block();

        applyAll();

        StepVerifier.create(totals()).expectNext(once).verifyComplete();
    }
}
