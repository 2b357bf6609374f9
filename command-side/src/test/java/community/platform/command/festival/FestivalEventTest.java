package community.platform.command.festival;

import community.platform.command.neighbourhoods.TestNeighbourhoods;
import community.platform.shared.ErrorCode;
import community.platform.shared.festival.CancelFestivalEventCommand;
import community.platform.shared.festival.ConfirmRescheduleCommand;
import community.platform.shared.festival.CoupletEntrySubmittedEvent;
import community.platform.shared.festival.EntryScoredEvent;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.FestivalEventCancelledEvent;
import community.platform.shared.festival.FestivalEventRejectedEvent;
import community.platform.shared.festival.FestivalEventRescheduleRejectedEvent;
import community.platform.shared.festival.FestivalEventRescheduleRequestedEvent;
import community.platform.shared.festival.FestivalEventRescheduledEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.RegisterForEventCommand;
import community.platform.shared.festival.RegistrantPromotedEvent;
import community.platform.shared.festival.RegistrationOutcome;
import community.platform.shared.festival.RegistrationWithdrawnEvent;
import community.platform.shared.festival.RejectFestivalEventCommand;
import community.platform.shared.festival.RejectRescheduleCommand;
import community.platform.shared.festival.RescheduleFestivalEventCommand;
import community.platform.shared.festival.ResidentRegisteredEvent;
import community.platform.shared.festival.ResidentWaitlistedEvent;
import community.platform.shared.festival.ScheduleFestivalEventCommand;
import community.platform.shared.festival.ScoreEntryCommand;
import community.platform.shared.festival.SubmitCoupletEntryCommand;
import community.platform.shared.festival.WithdrawRegistrationCommand;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static community.platform.command.handling.Violations.violationOf;
import static org.assertj.core.api.Assertions.assertThat;

class FestivalEventTest {

    private static final String DONGHU = "nb-donghu";

    private static final Instant NOW = Instant.parse("2027-01-18T02:00:00Z");
    private static final Instant STARTS = Instant.parse("2027-02-08T06:00:00Z");
    private static final Instant ENDS = STARTS.plus(Duration.ofHours(4));
    /** U+20000, outside the Basic Multilingual Plane: one code point, two Java chars. */
    private static final String WIDE = new String(Character.toChars(0x20000));

    private AggregateTestFixture<FestivalEvent> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(FestivalEvent.class);
        fixture.registerInjectableResource(TestNeighbourhoods.policy(DONGHU, "zhang"));
        fixture.givenCurrentTime(NOW);
    }

    private static FestivalEventScheduledEvent scheduled(EventKind kind, int capacity) {
        return new FestivalEventScheduledEvent("fe-1", "zhang", "Couplet competition", kind, "Culture Hall", STARTS,
                                               ENDS, capacity, "Write a couplet for the Year of the Horse");
    }

    private static ScheduleFestivalEventCommand schedule(Instant starts, Instant ends, int capacity) {
        return new ScheduleFestivalEventCommand("fe-1", "zhang", "Couplet competition", EventKind.COMPETITION,
                                                "Culture Hall", starts, ends, capacity,
                                                "Write a couplet for the Year of the Horse");
    }

    private static final ResidentRegisteredEvent LIHUA = new ResidentRegisteredEvent("fe-1", "lihua", "Li Hua", 2, 0);

    private static SubmitCoupletEntryCommand entry(String upper, String lower, String scroll) {
        return new SubmitCoupletEntryCommand("fe-1", "entry-1", "lihua", upper, lower, scroll);
    }

    private static FestivalEventRescheduleRequestedEvent moveRequested(int request, Instant starts) {
        return new FestivalEventRescheduleRequestedEvent("fe-1", request, "Couplet competition", "Culture Hall", STARTS,
                                                         ENDS, "Library", starts, starts.plusSeconds(3600),
                                                         "calligrapher ill");
    }

    @Test
    void anEventIsScheduledOnlyWhereItsOrganizerWasAppointed() {
        ScheduleFestivalEventCommand c = schedule(STARTS, ENDS, 10);
        fixture.givenNoPriorActivity()
               .when(new ScheduleFestivalEventCommand(c.eventId(), "li", c.title(), c.kind(), c.venue(), c.startsAt(),
                                                      c.endsAt(), c.capacity(), c.description(), DONGHU))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_YOUR_NEIGHBOURHOOD));
        fixture.givenNoPriorActivity()
               .when(new ScheduleFestivalEventCommand(c.eventId(), "zhang", c.title(), c.kind(), c.venue(),
                                                      c.startsAt(), c.endsAt(), c.capacity(), c.description(), DONGHU))
               .expectEvents(new FestivalEventScheduledEvent("fe-1", "zhang", "Couplet competition",
                                                             EventKind.COMPETITION, "Culture Hall", STARTS, ENDS, 10,
                                                             "Write a couplet for the Year of the Horse", DONGHU));
    }

    @Test
    void anOrganizerSchedulesAnEventMarkedForItsVenueToBeBooked() {
        fixture.givenNoPriorActivity()
               .when(schedule(STARTS, ENDS, 100))
               .expectEvents(scheduled(EventKind.COMPETITION, 100))
               .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                       new org.hamcrest.CustomMatcher<EventMessage<?>>("an event marked for its venue to be booked") {
                           @Override
                           public boolean matches(Object actual) {
                               return actual instanceof EventMessage<?> message
                                       && "yes".equals(message.getMetaData().get(VenueBookingSaga.BOOK));
                           }
                       }));
    }

    @Test
    void anEventWhoseVenueIsTakenIsTurnedDownOnceAndNeverOpens() {
        FestivalEventRejectedEvent rejected =
                new FestivalEventRejectedEvent("fe-1", ErrorCode.VENUE_CLASH, "booked", "fe-2");
        fixture.given(scheduled(EventKind.COMPETITION, 100))
               .when(new RejectFestivalEventCommand("fe-1", ErrorCode.VENUE_CLASH, "booked", "fe-2"))
               .expectEvents(rejected);
        fixture.given(scheduled(EventKind.COMPETITION, 100), rejected)
               .when(new RejectFestivalEventCommand("fe-1", ErrorCode.VENUE_CLASH, "booked", "fe-2"))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(scheduled(EventKind.COMPETITION, 100), new FestivalEventCancelledEvent("fe-1", "rain"))
               .when(new RejectFestivalEventCommand("fe-1", ErrorCode.VENUE_CLASH, "booked", "fe-2"))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(scheduled(EventKind.COMPETITION, 100), rejected)
               .when(new RegisterForEventCommand("fe-1", "lihua", "Li Hua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.EVENT_NOT_OPEN));
        fixture.given(scheduled(EventKind.COMPETITION, 100), rejected)
               .when(new RescheduleFestivalEventCommand("fe-1", "zhang", null, STARTS, ENDS, null))
               .expectNoEvents().expectException(violationOf(ErrorCode.EVENT_NOT_OPEN));
    }

    @Test
    void timesRunForwardAndStartInTheFuture() {
        fixture.givenNoPriorActivity().when(schedule(ENDS, STARTS, 100))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
        fixture.givenNoPriorActivity().when(schedule(NOW.minusSeconds(1), ENDS, 100))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
    }

    @Test
    void capacityIsOneToTwoThousand() {
        fixture.givenNoPriorActivity().when(schedule(STARTS, ENDS, 2001))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_CAPACITY));
        fixture.givenNoPriorActivity().when(schedule(STARTS, ENDS, 0))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_CAPACITY));
    }

    @Test
    void registrationFillsPlacesThenTheQueueWithTheInputsOfEachDecision() {
        fixture.given(scheduled(EventKind.WORKSHOP, 1), new ResidentRegisteredEvent("fe-1", "lihua", "Li Hua", 1, 0))
               .when(new RegisterForEventCommand("fe-1", "wang", "Wang"))
               .expectEvents(new ResidentWaitlistedEvent("fe-1", "wang", "Wang", 1, 1, 1))
               .expectResultMessagePayload(new RegistrationOutcome(RegistrationOutcome.Status.WAITLISTED, 1, 2L));
    }

    @Test
    void aWithdrawalPromotesTheFirstInLineInTheSameCommit() {
        fixture.given(scheduled(EventKind.WORKSHOP, 1), new ResidentRegisteredEvent("fe-1", "lihua", "Li Hua", 1, 0),
                      new ResidentWaitlistedEvent("fe-1", "wang", "Wang", 1, 1, 1))
               .when(new WithdrawRegistrationCommand("fe-1", "lihua"))
               .expectEvents(new RegistrationWithdrawnEvent("fe-1", "lihua", true),
                             new RegistrantPromotedEvent("fe-1", "wang", 1, 0, 1));
    }

    @Test
    void nobodyRegistersTwice() {
        fixture.given(scheduled(EventKind.WORKSHOP, 2), LIHUA)
               .when(new RegisterForEventCommand("fe-1", "lihua", "Li Hua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.ALREADY_REGISTERED));
    }

    @Test
    void nobodyRegistersForACancelledEvent() {
        fixture.given(scheduled(EventKind.WORKSHOP, 2), new FestivalEventCancelledEvent("fe-1", "flooded hall"))
               .when(new RegisterForEventCommand("fe-1", "lihua", "Li Hua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.EVENT_NOT_OPEN));
    }

    @Test
    void nobodyRegistersForAFinishedEvent() {
        fixture.given(scheduled(EventKind.WORKSHOP, 2))
               .andGivenCurrentTime(ENDS)
               .when(new RegisterForEventCommand("fe-1", "lihua", "Li Hua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.EVENT_NOT_OPEN));
    }

    @Test
    void onlyTheOrganizerReschedulesOrCancels() {
        fixture.given(scheduled(EventKind.WORKSHOP, 2))
               .when(new RescheduleFestivalEventCommand("fe-1", "other", "Culture Hall", STARTS, ENDS, "mine"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
        fixture.given(scheduled(EventKind.WORKSHOP, 2))
               .when(new CancelFestivalEventCommand("fe-1", "other", "mine"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
    }

    @Test
    void aRescheduleIsRequestedWithTheOldVenueAndTimesAndMadeWhenTheVenueHoldsTheNewOnes() {
        Instant later = STARTS.plus(Duration.ofDays(1));
        fixture.given(scheduled(EventKind.WORKSHOP, 2))
               .when(new RescheduleFestivalEventCommand("fe-1", "zhang", " Library ", later, later.plusSeconds(3600),
                                                        "calligrapher ill"))
               .expectEvents(moveRequested(1, later))
               .expectResultMessagePayload(1);
        fixture.given(scheduled(EventKind.WORKSHOP, 2), moveRequested(1, later))
               .when(new ConfirmRescheduleCommand("fe-1", 1))
               .expectEvents(new FestivalEventRescheduledEvent("fe-1", "Culture Hall", STARTS, ENDS, "Library", later,
                                                               later.plusSeconds(3600), "calligrapher ill"));
    }

    @Test
    void aRescheduleWithoutAVenueKeepsTheVenueAndRequestsAreNumbered() {
        Instant later = STARTS.plus(Duration.ofDays(1));
        fixture.given(scheduled(EventKind.WORKSHOP, 2), moveRequested(1, later))
               .when(new RescheduleFestivalEventCommand("fe-1", "zhang", "  ", later, later.plusSeconds(60), null))
               .expectEvents(new FestivalEventRescheduleRequestedEvent("fe-1", 2, "Couplet competition",
                                                                       "Culture Hall", STARTS, ENDS, "Culture Hall",
                                                                       later, later.plusSeconds(60), null))
               .expectResultMessagePayload(2);
    }

    @Test
    void aMoveIsAnsweredOnce() {
        Instant later = STARTS.plus(Duration.ofDays(1));
        FestivalEventRescheduledEvent moved = new FestivalEventRescheduledEvent(
                "fe-1", "Culture Hall", STARTS, ENDS, "Library", later, later.plusSeconds(3600), "calligrapher ill");
        fixture.given(scheduled(EventKind.WORKSHOP, 2), moveRequested(1, later), moved)
               .when(new ConfirmRescheduleCommand("fe-1", 1))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(scheduled(EventKind.WORKSHOP, 2), moveRequested(1, later), moved)
               .when(new RejectRescheduleCommand("fe-1", 1, ErrorCode.VENUE_CLASH, "booked", "fe-2"))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(scheduled(EventKind.WORKSHOP, 2), moveRequested(1, later))
               .when(new RejectRescheduleCommand("fe-1", 1, ErrorCode.VENUE_CLASH, "booked", "fe-2"))
               .expectEvents(new FestivalEventRescheduleRejectedEvent("fe-1", 1, ErrorCode.VENUE_CLASH, "booked",
                                                                      "fe-2"));
    }

    @Test
    void aMoveOvertakenByTheCancellationIsRefusedSoTheVenueIsGivenBack() {
        Instant later = STARTS.plus(Duration.ofDays(1));
        fixture.given(scheduled(EventKind.WORKSHOP, 2), moveRequested(1, later),
                      new FestivalEventCancelledEvent("fe-1", "flooded hall"))
               .when(new ConfirmRescheduleCommand("fe-1", 1))
               .expectNoEvents().expectException(violationOf(ErrorCode.EVENT_NOT_OPEN));
    }

    @Test
    void onlyACompetitionTakesEntries() {
        fixture.given(scheduled(EventKind.EXHIBITION, 2), LIHUA)
               .when(entry("春风得意马蹄疾", "一日看尽长安花", "春满人间"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_A_COMPETITION));
    }

    @Test
    void onlyRegisteredResidentsMayEnter() {
        fixture.given(scheduled(EventKind.COMPETITION, 2))
               .when(entry("春风得意马蹄疾", "一日看尽长安花", "春满人间"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_REGISTERED));
    }

    @Test
    void oneEntryPerPerson() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA,
                      new CoupletEntrySubmittedEvent("fe-1", "entry-0", "lihua", "春风得意马蹄疾", "一日看尽长安花",
                                                     "春满人间", 1))
               .when(entry("天增岁月人增寿", "春满乾坤福满门", "四季长安"))
               .expectNoEvents().expectException(violationOf(ErrorCode.ALREADY_SUBMITTED));
    }

    @Test
    void entriesCloseWhenTheEventEnds() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .andGivenCurrentTime(ENDS.plusSeconds(1))
               .when(entry("春风得意马蹄疾", "一日看尽长安花", "春满人间"))
               .expectNoEvents().expectException(violationOf(ErrorCode.EVENT_NOT_OPEN));
    }

    @Test
    void aCoupletWithEqualLinesIsEnteredWithItsSubmissionNumber() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry("春风得意马蹄疾，", "一日看尽长安花。", "春满人间"))
               .expectEvents(new CoupletEntrySubmittedEvent("fe-1", "entry-1", "lihua", "春风得意马蹄疾，",
                                                            "一日看尽长安花。", "春满人间", 1));
    }

    @Test
    void linesEqualInCodePointsButNotInJavaCharsAreEqual() {
        String upper = WIDE + "春风得意";
        String lower = "冬雪飘零好";
        assertThat(upper.length()).isNotEqualTo(lower.length());
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry(upper, lower, "春满人间"))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void linesEqualInJavaCharsButNotInCodePointsAreUnequal() {
        String upper = WIDE + "春风得";
        String lower = "冬雪飘零好";
        assertThat(upper.length()).isEqualTo(lower.length());
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry(upper, lower, "春满人间"))
               .expectNoEvents().expectException(violationOf(ErrorCode.COUPLET_LINES_UNEQUAL));
    }

    @Test
    void surroundingWhitespaceAndPunctuationDoNotCount() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry("  “春风得意马蹄疾”  ", "一日看尽长安花！", " 春满人间 "))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void eachLineIsFourToThirtyTwoCharacters() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry("春风得", "一日看", "春满"))
               .expectNoEvents().expectException(violationOf(ErrorCode.COUPLET_LINE_LENGTH));
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry("春".repeat(33), "花".repeat(33), "春满"))
               .expectNoEvents().expectException(violationOf(ErrorCode.COUPLET_LINE_LENGTH));
    }

    @Test
    void theHorizontalScrollIsTwoToEightCharacters() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry("春风得意马蹄疾", "一日看尽长安花", "春"))
               .expectNoEvents().expectException(violationOf(ErrorCode.COUPLET_SCROLL_LENGTH));
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA)
               .when(entry("春风得意马蹄疾", "一日看尽长安花", "春满人间福满门庭院"))
               .expectNoEvents().expectException(violationOf(ErrorCode.COUPLET_SCROLL_LENGTH));
    }

    private static final CoupletEntrySubmittedEvent ENTERED = new CoupletEntrySubmittedEvent(
            "fe-1", "entry-1", "lihua", "春风得意马蹄疾", "一日看尽长安花", "春满人间", 1);

    @Test
    void theOrganizerRecordsAJudgesScore() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA, ENTERED)
               .when(new ScoreEntryCommand("fe-1", "zhang", "entry-1", "Judge Wu", 88))
               .expectEvents(new EntryScoredEvent("fe-1", "entry-1", "Judge Wu", 88, null));
    }

    @Test
    void aReScoreIsANewEventNamingTheScoreItReplaces() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA, ENTERED,
                      new EntryScoredEvent("fe-1", "entry-1", "Judge Wu", 88, null))
               .when(new ScoreEntryCommand("fe-1", "zhang", "entry-1", "Judge Wu", 91))
               .expectEvents(new EntryScoredEvent("fe-1", "entry-1", "Judge Wu", 91, 88));
    }

    @Test
    void aScoreIsZeroToOneHundred() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA, ENTERED)
               .when(new ScoreEntryCommand("fe-1", "zhang", "entry-1", "Judge Wu", 101))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCORE));
    }

    @Test
    void onlyTheOrganizerScoresAndOnlyExistingEntries() {
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA, ENTERED)
               .when(new ScoreEntryCommand("fe-1", "other", "entry-1", "Judge Wu", 90))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
        fixture.given(scheduled(EventKind.COMPETITION, 2), LIHUA, ENTERED)
               .when(new ScoreEntryCommand("fe-1", "zhang", "entry-9", "Judge Wu", 90))
               .expectNoEvents().expectException(violationOf(ErrorCode.ENTRY_NOT_FOUND));
    }
}
