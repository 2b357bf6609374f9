package community.platform.query.volunteering;

import community.platform.query.EmbeddedMongo;
import community.platform.query.processing.CaughtUp;
import community.platform.shared.volunteering.FindSignUpsPerDayQuery;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.SignUpsPerDay;
import community.platform.shared.volunteering.VolunteerCheckedInEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A post's sign-ups per Beijing day against the embedded server. */
class SignUpsPerDayProjectionTest {

    private static final Instant STARTS = Instant.parse("2026-12-20T01:00:00Z");
    private static final List<VolunteerPostEvent> HISTORY = List.of(
            new VolunteerPostPublishedEvent("post-1", "zhang", "Park clean-up", "", "green", "East Park", STARTS,
                                            STARTS.plus(Duration.ofHours(2)), 1, null, List.of()),
            new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
            new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1),
            new VolunteerWaitlistedEvent("post-1", "zhao", "Zhao", 1, 1, 2),
            new SignUpWithdrawnEvent("post-1", "lihua", true),
            new VolunteerPromotedEvent("post-1", "wang", 1, 0, 1),
            new VolunteerCheckedInEvent("post-1", "wang", STARTS));
    /** When each event happened: the 20th in Beijing until 15:59 UTC, the 21st from 16:00. */
    private static final List<Instant> AT = List.of(
            Instant.parse("2026-10-01T01:00:00Z"), Instant.parse("2026-11-20T15:59:00Z"),
            Instant.parse("2026-11-20T16:00:00Z"), Instant.parse("2026-11-21T03:00:00Z"),
            Instant.parse("2026-11-22T04:00:00Z"), Instant.parse("2026-11-22T04:00:00Z"), STARTS);

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final SignUpsPerDayProjection projection = new SignUpsPerDayProjection(mongo.database(), CaughtUp.NOW);

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void applyAll() {
        for (int seq = 0; seq < HISTORY.size(); seq++) {
            projection.on(HISTORY.get(seq), seq, AT.get(seq));
        }
    }

    private Mono<SignUpsPerDay> signUps(String postId) {
        return Mono.fromFuture(() -> projection.handle(new FindSignUpsPerDayQuery(postId))).map(found -> found.get());
    }

    private static final SignUpsPerDay EXPECTED = new SignUpsPerDay("post-1", List.of(
            new SignUpsPerDay.Day(LocalDate.parse("2026-11-20"), 1),
            new SignUpsPerDay.Day(LocalDate.parse("2026-11-21"), 2)));

    @Test
    void seatsAndQueuePlacesCountOnTheirBeijingDayAndNothingElseDoes() {
        applyAll();

        StepVerifier.create(signUps("post-1")).expectNext(EXPECTED).verifyComplete();
        StepVerifier.create(signUps("post-2")).expectNext(new SignUpsPerDay("post-2", List.of())).verifyComplete();
    }

    @Test
    void everyEventAppliedTwiceCountsOnce() {
        applyAll();
        applyAll();

        StepVerifier.create(signUps("post-1")).expectNext(EXPECTED).verifyComplete();
    }

    @Test
    void aResetClearsTheCountsAndTheEventsRebuildThem() {
        applyAll();

        projection.reset();

        StepVerifier.create(signUps("post-1")).expectNext(new SignUpsPerDay("post-1", List.of())).verifyComplete();
        applyAll();
        StepVerifier.create(signUps("post-1")).expectNext(EXPECTED).verifyComplete();
    }
}
