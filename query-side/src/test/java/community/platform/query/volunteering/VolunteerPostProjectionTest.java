package community.platform.query.volunteering;

import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.EmbeddedMongo;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.volunteering.FindSignUpDecisionQuery;
import community.platform.shared.volunteering.FindVolunteerRecordsQuery;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.ListVolunteerPostsQuery;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.SignUpDecision;
import community.platform.shared.volunteering.SignUpOutcome;
import community.platform.shared.volunteering.SignUpRefusedEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerRecord;
import community.platform.shared.volunteering.VolunteerRoster;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/** The volunteer post view against the embedded server, read through its query handlers. */
class VolunteerPostProjectionTest {

    private static final Instant NOW = Instant.parse("2027-01-18T02:00:00Z");
    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");

    private EmbeddedMongo mongo;
    private MongoDatabase database;
    private VolunteerPostProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.database();
        projection = new VolunteerPostProjection(database, SimpleQueryUpdateEmitter.builder().build(),
                                                 Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static final List<VolunteerPostEvent> HISTORY = List.of(
            new VolunteerPostPublishedEvent("post-1", "zhang", "Park clean-up", "Bring gloves", "green", "East Park",
                                            STARTS, STARTS.plus(Duration.ofHours(2)), 1, null, List.of("gloves")),
            new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
            new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1),
            new VolunteerWaitlistedEvent("post-1", "zhao", "Zhao", 1, 1, 2),
            new SignUpWithdrawnEvent("post-1", "lihua", true),
            new VolunteerPromotedEvent("post-1", "wang", 1, 0, 1));

    private void applyAll(List<VolunteerPostEvent> events) {
        for (int seq = 0; seq < events.size(); seq++) {
            projection.on(events.get(seq), seq, NOW.plusSeconds(seq));
        }
    }

    private Mono<VolunteerRoster> roster() {
        return Mono.fromFuture(() -> projection.handle(new FindVolunteerRosterQuery("post-1"))).map(o -> o.orElseThrow());
    }

    private Mono<VolunteerPostSummary> detail() {
        return Mono.fromFuture(() -> projection.handle(new FindVolunteerPostQuery("post-1"))).map(o -> o.orElseThrow());
    }

    @Test
    void theRosterKeepsSeatsAndQueueInOrderThroughAPromotion() {
        applyAll(HISTORY);

        StepVerifier.create(roster())
                    .assertNext(roster -> {
                        assertThat(roster.confirmed()).extracting(VolunteerRoster.Confirmed::username)
                                                      .containsExactly("wang");
                        assertThat(roster.waitlist()).containsExactly(new VolunteerRoster.Waiting("zhao", 1));
                    })
                    .verifyComplete();
        StepVerifier.create(detail())
                    .assertNext(post -> {
                        assertThat(post.confirmed()).isEqualTo(1);
                        assertThat(post.waitlisted()).isEqualTo(1);
                        assertThat(post.status()).isEqualTo(PostStatus.FULL);
                    })
                    .verifyComplete();
    }

    @Test
    void aPostWhoseEndHasPassedIsCompleted() {
        applyAll(HISTORY);
        VolunteerPostProjection later = new VolunteerPostProjection(database, SimpleQueryUpdateEmitter.builder().build(),
                                                                    Clock.fixed(STARTS.plus(Duration.ofHours(2)),
                                                                                ZoneOffset.UTC));

        StepVerifier.create(Mono.fromFuture(() -> later.handle(new FindVolunteerPostQuery("post-1")))
                                .map(post -> post.orElseThrow().status()))
                    .expectNext(PostStatus.COMPLETED).verifyComplete();
    }

    @Test
    void applyingAnEventTwiceChangesNothing() {
        applyAll(HISTORY);
        Document before = Mono.from(database.getCollection(VolunteerPostProjection.COLLECTION).find().first()).block();

        projection.on(HISTORY.get(2), 2, NOW.plusSeconds(2));
        projection.on(HISTORY.get(5), 5, NOW.plusSeconds(5));

        StepVerifier.create(Mono.from(database.getCollection(VolunteerPostProjection.COLLECTION).find().first()))
                    .expectNext(before).verifyComplete();
    }

    @Test
    void aReplayRebuildsTheSameView() {
        applyAll(HISTORY);
        Document live = Mono.from(database.getCollection(VolunteerPostProjection.COLLECTION).find().first()).block();

        projection.reset();
        StepVerifier.create(Flux.from(database.getCollection(VolunteerPostProjection.COLLECTION).find())).verifyComplete();
        applyAll(HISTORY);

        StepVerifier.create(Mono.from(database.getCollection(VolunteerPostProjection.COLLECTION).find().first()))
                    .expectNext(live).verifyComplete();
    }

    @Test
    void aCancelledPostSaysSoAndListsFilterByStatusAndTeam() {
        applyAll(HISTORY);
        projection.on(new VolunteerPostPublishedEvent("post-2", "zhang", "Station shift", "", "civility", "Station",
                                                      STARTS, STARTS.plusSeconds(3600), 5, null, List.of()), 0, NOW);
        projection.on(new VolunteerPostCancelledEvent("post-2", "flooded"), 1, NOW);

        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new ListVolunteerPostsQuery(null, null, null,
                                                                                                 "CANCELLED"))))
                    .assertNext(posts -> assertThat(posts).extracting(VolunteerPostSummary::id)
                                                          .containsExactly("post-2"))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new ListVolunteerPostsQuery(
                            STARTS.minusSeconds(1), STARTS.plusSeconds(1), "green", null))))
                    .assertNext(posts -> assertThat(posts).extracting(VolunteerPostSummary::id)
                                                          .containsExactly("post-1"))
                    .verifyComplete();
    }

    private Mono<java.util.Optional<SignUpDecision>> decision(String volunteer, String requestId) {
        return Mono.fromFuture(() -> projection.handle(new FindSignUpDecisionQuery("post-1", volunteer, requestId)));
    }

    @Test
    void aRequestIsAnsweredWithItsSeatItsQueuePlaceOrItsRefusalAndNothingWhileUndecided() {
        RuleViolation overlap = new RuleViolation(ErrorCode.OVERLAPPING_SIGN_UP, "overlaps", "post-0");
        applyAll(List.of(HISTORY.get(0),
                         new VolunteerSignedUpEvent("post-1", "lihua", null, 1, 0, "r1"),
                         new VolunteerWaitlistedEvent("post-1", "wang", null, 1, 1, 1, "r2"),
                         new SignUpRefusedEvent("post-1", "zhao", "r3", overlap)));

        StepVerifier.create(decision("lihua", "r1")).expectNext(java.util.Optional.of(new SignUpDecision(
                new SignUpOutcome(SignUpOutcome.Status.CONFIRMED, null), null))).verifyComplete();
        StepVerifier.create(decision("wang", "r2")).expectNext(java.util.Optional.of(new SignUpDecision(
                new SignUpOutcome(SignUpOutcome.Status.WAITLISTED, 1), null))).verifyComplete();
        StepVerifier.create(decision("zhao", "r3")).expectNext(java.util.Optional.of(new SignUpDecision(null, overlap)))
                    .verifyComplete();
        StepVerifier.create(decision("zhao", "r4")).expectNext(java.util.Optional.empty()).verifyComplete();
    }

    @Test
    void theRosterNamesVolunteersAsTheirAccountsDoNow() {
        Mono.from(database.getCollection("accountViews").insertOne(
                new Document("_id", "lihua").append("displayName", "Li Hua (renamed)"))).block();
        applyAll(List.of(HISTORY.get(0), new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0)));

        StepVerifier.create(roster())
                    .assertNext(roster -> assertThat(roster.confirmed()).extracting(VolunteerRoster.Confirmed::displayName)
                                                                        .containsExactly("Li Hua (renamed)"))
                    .verifyComplete();
    }

    @Test
    void aVolunteersRecordsHoldTheirOwnSeatOrPlaceWithEveryCorrectionOfTheirAttendance() {
        applyAll(HISTORY);
        Instant in = STARTS;
        Instant out = STARTS.plus(Duration.ofHours(2));
        projection.on(new AttendanceRecordedEvent("post-1", "wang", in, out, 90, false, null), 6, NOW);
        projection.on(new AttendanceRecordedEvent("post-1", "wang", in, out, 120, true, 90L, "left at noon"), 7,
                      NOW.plusSeconds(60));

        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindVolunteerRecordsQuery("wang"))))
                    .expectNext(List.of(new VolunteerRecord(
                            "post-1", "Park clean-up", STARTS, out, VolunteerDuty.Status.CONFIRMED, null,
                            NOW.plusSeconds(5), in, out, 120L,
                            List.of(new VolunteerRecord.Correction(NOW.plusSeconds(60), 120, 90L, "left at noon")))))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindVolunteerRecordsQuery("zhao"))))
                    .assertNext(records -> {
                        assertThat(records).extracting(VolunteerRecord::status)
                                           .containsExactly(VolunteerDuty.Status.WAITLISTED);
                        assertThat(records.get(0).waitlistPosition()).isEqualTo(1);
                        assertThat(records.get(0).minutes()).isNull();
                    })
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindVolunteerRecordsQuery("lihua"))))
                    .expectNext(List.of())
                    .verifyComplete();
    }

    @Test
    void anErasedVolunteersNameIsScrubbedFromSeatsAndQueuesOnly() {
        applyAll(HISTORY.subList(0, 4));
        PersonalDataErasedEvent erased = new PersonalDataErasedEvent("er-1", ErasureSubject.ACCOUNT, "lihua", null,
                                                                     "admin", List.of("key-1"));
        projection.on(erased);
        projection.on(new PersonalDataErasedEvent("er-2", ErasureSubject.ACCOUNT, "zhao", null, "admin", List.of()));
        projection.on(erased);

        String stored = Mono.from(database.getCollection(VolunteerPostProjection.COLLECTION).find().first())
                            .map(org.bson.Document::toJson).block();
        org.assertj.core.api.Assertions.assertThat(stored).doesNotContain("Li Hua").doesNotContain("Zhao")
                                       .contains("Wang").contains("[erased]");
    }
}
