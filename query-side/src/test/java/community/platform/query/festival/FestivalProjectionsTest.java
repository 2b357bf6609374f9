package community.platform.query.festival;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.ErrorCode;
import community.platform.shared.festival.CoupletEntrySubmittedEvent;
import community.platform.shared.festival.FestivalEventRejectedEvent;
import community.platform.shared.festival.FindVenueBookingQuery;
import community.platform.shared.festival.FestivalEventRescheduleRequestedEvent;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.FindFestivalEventQuery;
import community.platform.shared.festival.EntryScoredEvent;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.FindResultsQuery;
import community.platform.shared.festival.FindResidentFestivalRecordsQuery;
import community.platform.shared.festival.ResidentFestivalRecord;
import community.platform.shared.festival.ResidentRegisteredEvent;
import community.platform.shared.festival.ResidentWaitlistedEvent;
import community.platform.shared.festival.ResultRow;
import community.platform.shared.festival.VenueBookedEvent;
import community.platform.shared.festival.VenueBooking;
import community.platform.shared.festival.VenueBookingMovedEvent;
import community.platform.shared.festival.VenueBookingReleasedEvent;
import community.platform.shared.festival.VenueCalendarQuery;
import community.platform.shared.festival.VenueEvent;
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

/** The results board and the venue calendar against the embedded server, live and after a rebuild. */
class FestivalProjectionsTest {

    private static final Instant STARTS = Instant.parse("2027-02-08T06:00:00Z");
    private static final List<FestivalEventEvent> COMPETITION = List.of(
            new FestivalEventScheduledEvent("fe-1", "zhang", "Couplet competition", EventKind.COMPETITION,
                                            "Culture Hall", STARTS, STARTS.plus(Duration.ofHours(4)), 10, ""),
            new ResidentRegisteredEvent("fe-1", "lihua", "Li Hua", 10, 0),
            new ResidentRegisteredEvent("fe-1", "wang", "Wang", 10, 1),
            new ResidentRegisteredEvent("fe-1", "zhao", "Zhao", 10, 2),
            new CoupletEntrySubmittedEvent("fe-1", "e-lihua", "lihua", "春风得意马蹄疾", "一日看尽长安花", "春满人间", 1),
            new CoupletEntrySubmittedEvent("fe-1", "e-wang", "wang", "天增岁月人增寿", "春满乾坤福满门", "四季长安", 2),
            new CoupletEntrySubmittedEvent("fe-1", "e-zhao", "zhao", "爆竹声中一岁除", "春风送暖入屠苏", "万象更新", 3),
            new EntryScoredEvent("fe-1", "e-lihua", "Judge Wu", 80, null),
            new EntryScoredEvent("fe-1", "e-lihua", "Judge Qian", 90, null),
            new EntryScoredEvent("fe-1", "e-wang", "Judge Wu", 95, null),
            new EntryScoredEvent("fe-1", "e-wang", "Judge Qian", 75, null),
            new EntryScoredEvent("fe-1", "e-zhao", "Judge Wu", 70, null),
            new EntryScoredEvent("fe-1", "e-zhao", "Judge Wu", 99, 70));
    private static final List<VenueEvent> CALENDAR = List.of(
            new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-1", "Competition", STARTS,
                                 STARTS.plus(Duration.ofHours(4))),
            new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-2", "Workshop",
                                 STARTS.plus(Duration.ofHours(5)), STARTS.plus(Duration.ofHours(6))),
            new VenueBookingMovedEvent("venue-culture hall", "fe-2", STARTS.plus(Duration.ofHours(6)),
                                       STARTS.plus(Duration.ofHours(7))),
            new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-3", "Exhibition",
                                 STARTS.plus(Duration.ofDays(2)), STARTS.plus(Duration.ofDays(3))),
            new VenueBookingReleasedEvent("venue-culture hall", "fe-3"));

    private EmbeddedMongo mongo;
    private FestivalEventProjection events;
    private VenueCalendarProjection calendar;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        events = new FestivalEventProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build(),
                                             Clock.fixed(STARTS, ZoneOffset.UTC));
        calendar = new VenueCalendarProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void applyAll() {
        for (int seq = 0; seq < COMPETITION.size(); seq++) {
            events.on(COMPETITION.get(seq), seq);
        }
        for (int seq = 0; seq < CALENDAR.size(); seq++) {
            calendar.on(CALENDAR.get(seq), seq);
        }
    }

    private List<ResultRow> results() {
        return Mono.fromFuture(() -> events.handle(new FindResultsQuery("fe-1"))).block();
    }

    private List<VenueBooking> bookings() {
        return Mono.fromFuture(() -> calendar.handle(new VenueCalendarQuery("venue-culture hall", null, null))).block();
    }

    @Test
    void resultsRankByAverageWithARescoreAndTiesToTheEarlierEntry() {
        applyAll();

        StepVerifier.create(Mono.fromFuture(() -> events.handle(new FindResultsQuery("fe-1"))))
                    .assertNext(rows -> {
                        assertThat(rows).extracting(ResultRow::entryId).containsExactly("e-zhao", "e-lihua", "e-wang");
                        assertThat(rows).extracting(ResultRow::averageScore).containsExactly(99.0, 85.0, 85.0);
                        assertThat(rows).extracting(ResultRow::rank).containsExactly(1, 2, 3);
                    })
                    .verifyComplete();
    }

    @Test
    void theCalendarShowsMovesAndReleases() {
        applyAll();

        assertThat(bookings()).containsExactly(
                new VenueBooking("fe-1", "Competition", STARTS, STARTS.plus(Duration.ofHours(4))),
                new VenueBooking("fe-2", "Workshop", STARTS.plus(Duration.ofHours(6)), STARTS.plus(Duration.ofHours(7))));
        StepVerifier.create(Mono.fromFuture(() -> calendar.handle(new VenueCalendarQuery(
                            "venue-culture hall", STARTS.plus(Duration.ofHours(5)), STARTS.plus(Duration.ofDays(1))))))
                    .assertNext(window -> assertThat(window).extracting(VenueBooking::eventId).containsExactly("fe-2"))
                    .verifyComplete();
    }

    @Test
    void eventsAppliedTwiceChangeNothing() {
        applyAll();
        List<ResultRow> results = results();
        List<VenueBooking> bookings = bookings();

        applyAll();

        assertThat(results()).isEqualTo(results);
        assertThat(bookings()).isEqualTo(bookings);
    }

    @Test
    void resultsAndTheCalendarComeOutIdenticalAfterAReplay() {
        applyAll();
        List<Document> liveEvents = documents(FestivalEventProjection.COLLECTION);
        List<Document> liveCalendar = documents(VenueCalendarProjection.BOOKINGS);
        List<ResultRow> liveResults = results();

        events.reset();
        calendar.reset();
        assertThat(documents(VenueCalendarProjection.BOOKINGS)).isEmpty();
        applyAll();

        assertThat(documents(FestivalEventProjection.COLLECTION)).containsExactlyInAnyOrderElementsOf(liveEvents);
        assertThat(documents(VenueCalendarProjection.BOOKINGS)).containsExactlyInAnyOrderElementsOf(liveCalendar);
        assertThat(results()).isEqualTo(liveResults);
    }

    @Test
    void anEventTurnedDownIsNeitherListedNorFoundAndAMoveShowsOnlyOnceMade() {
        events.on(new FestivalEventScheduledEvent("fe-9", "zhang", "Workshop", EventKind.WORKSHOP, "Hall", STARTS,
                                                  STARTS.plus(Duration.ofHours(1)), 10, null), 0);
        events.on(new FestivalEventRejectedEvent("fe-9", ErrorCode.VENUE_CLASH, "booked", "fe-1"), 1);
        assertThat(documents(FestivalEventProjection.COLLECTION)).isEmpty();
        assertThat(events.apply(null, new FestivalEventRejectedEvent("fe-9", ErrorCode.VENUE_CLASH, "", ""), 1,
                                null)).isNull();

        events.on(new FestivalEventScheduledEvent("fe-8", "zhang", "Workshop", EventKind.WORKSHOP, "Hall", STARTS,
                                                  STARTS.plus(Duration.ofHours(1)), 10, null), 0);
        events.on(new FestivalEventRescheduleRequestedEvent("fe-8", 1, "Workshop", "Hall", STARTS,
                                                            STARTS.plus(Duration.ofHours(1)), "Library", STARTS,
                                                            STARTS.plus(Duration.ofHours(2)), null), 1);
        StepVerifier.create(Mono.fromFuture(() -> events.handle(new FindFestivalEventQuery("fe-8"))))
                    .assertNext(found -> assertThat(found).get().extracting(FestivalEventSummary::venue,
                                                                            FestivalEventSummary::version)
                                                          .containsExactly("Hall", 0L))
                    .verifyComplete();
    }

    @Test
    void aBookingIsFoundByItsVenueAndEvent() {
        applyAll();

        StepVerifier.create(Mono.fromFuture(() -> calendar.handle(new FindVenueBookingQuery("venue-culture hall",
                                                                                            "fe-2"))))
                    .expectNext(java.util.Optional.of(new VenueBooking("fe-2", "Workshop",
                                                                       STARTS.plus(Duration.ofHours(6)),
                                                                       STARTS.plus(Duration.ofHours(7)))))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> calendar.handle(new FindVenueBookingQuery("venue-culture hall",
                                                                                            "fe-3"))))
                    .expectNext(java.util.Optional.empty())
                    .verifyComplete();
    }

    private List<Document> documents(String collection) {
        return Flux.from(mongo.database().getCollection(collection).find()).collectList().block();
    }

    @Test
    void aResidentsRecordsHoldOnlyTheirOwnRegistrationAndEntries() {
        applyAll();
        events.on(new ResidentWaitlistedEvent("fe-1", "sun", "Sun", 10, 10, 1), COMPETITION.size());

        StepVerifier.create(Mono.fromFuture(() -> events.handle(new FindResidentFestivalRecordsQuery("wang"))))
                    .assertNext(records -> assertThat(records).containsExactly(new ResidentFestivalRecord(
                            "fe-1", "Couplet competition", EventKind.COMPETITION, STARTS,
                            STARTS.plus(Duration.ofHours(4)), ResidentFestivalRecord.Registration.REGISTERED, null,
                            List.of(new ResidentFestivalRecord.Entry("e-wang", "天增岁月人增寿", "春满乾坤福满门",
                                                                     "四季长安")))))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> events.handle(new FindResidentFestivalRecordsQuery("sun"))))
                    .assertNext(records -> {
                        assertThat(records).hasSize(1);
                        assertThat(records.get(0).registration())
                                .isEqualTo(ResidentFestivalRecord.Registration.WAITLISTED);
                        assertThat(records.get(0).waitlistPosition()).isEqualTo(1);
                        assertThat(records.get(0).entries()).isEmpty();
                    })
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> events.handle(new FindResidentFestivalRecordsQuery("nobody"))))
                    .expectNext(List.of())
                    .verifyComplete();
    }
}
