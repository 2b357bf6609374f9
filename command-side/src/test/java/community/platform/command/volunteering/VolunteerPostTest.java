package community.platform.command.volunteering;

import community.platform.command.neighbourhoods.TestNeighbourhoods;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.CancelVolunteerPostCommand;
import community.platform.shared.volunteering.CheckInVolunteerCommand;
import community.platform.shared.volunteering.CheckPlaceCommand;
import community.platform.shared.volunteering.ConfirmSignUpCommand;
import community.platform.shared.volunteering.PublishVolunteerPostCommand;
import community.platform.shared.volunteering.RecordAttendanceCommand;
import community.platform.shared.volunteering.RefuseSignUpCommand;
import community.platform.shared.volunteering.RescheduleVolunteerPostCommand;
import community.platform.shared.volunteering.SignUpRefusedEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerCheckedInEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import community.platform.shared.volunteering.WithdrawSignUpCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static community.platform.command.handling.Violations.violationOf;
import static org.assertj.core.api.Assertions.assertThat;

class VolunteerPostTest {

    private static final String DONGHU = "nb-donghu";

    private static final Instant NOW = Instant.parse("2027-01-18T02:00:00Z");
    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");
    private static final Instant ENDS = STARTS.plus(Duration.ofHours(3));

    private FixtureConfiguration<VolunteerPost> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(VolunteerPost.class);
        fixture.registerInjectableResource(TestNeighbourhoods.policy(DONGHU, "zhang"));
        fixture.givenCurrentTime(NOW);
    }

    private static VolunteerPostPublishedEvent published(int capacity, Instant deadline) {
        return new VolunteerPostPublishedEvent("post-1", "zhang", "Health safeguarding duty", "Temperature checks",
                                               "health safeguarding", "Central Square", STARTS, ENDS, capacity,
                                               deadline, List.of());
    }

    private static PublishVolunteerPostCommand publish(Instant starts, Instant ends, int capacity, Instant deadline) {
        return new PublishVolunteerPostCommand("post-1", "zhang", "Health safeguarding duty", "Temperature checks",
                                               "health safeguarding", "Central Square", starts, ends, capacity,
                                               deadline, List.of());
    }

    @Test
    void anOrganizerPublishesInANeighbourhoodTheyWereAppointedToOrInTheDefaultOne() {
        PublishVolunteerPostCommand there = publish(STARTS, ENDS, 10, null);
        fixture.givenNoPriorActivity()
               .when(inNeighbourhood(there, DONGHU))
               .expectEvents(new VolunteerPostPublishedEvent("post-1", "zhang", "Health safeguarding duty",
                                                             "Temperature checks", "health safeguarding",
                                                             "Central Square", STARTS, ENDS, 10, null, List.of(),
                                                             DONGHU));
        assertThat(published(10, null).neighbourhoodId()).isEqualTo(Neighbourhoods.DEFAULT);
    }

    @Test
    void anOrganizerIsRefusedInANeighbourhoodTheyWereNotAppointedToOrOneThatDoesNotExist() {
        PublishVolunteerPostCommand byLi = new PublishVolunteerPostCommand(
                "post-1", "li", "Duty", "", "health safeguarding", "Central Square", STARTS, ENDS, 10, null,
                List.of(), DONGHU);
        fixture.givenNoPriorActivity().when(byLi)
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_YOUR_NEIGHBOURHOOD));
        fixture.givenNoPriorActivity().when(inNeighbourhood(publish(STARTS, ENDS, 10, null), "nb-nowhere"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NEIGHBOURHOOD_NOT_FOUND));
    }

    private static PublishVolunteerPostCommand inNeighbourhood(PublishVolunteerPostCommand c, String neighbourhoodId) {
        return new PublishVolunteerPostCommand(c.postId(), c.organizer(), c.title(), c.description(), c.team(),
                                               c.location(), c.startsAt(), c.endsAt(), c.capacity(),
                                               c.signupDeadline(), c.skills(), neighbourhoodId);
    }

    @Test
    void anOrganizerPublishesAPost() {
        fixture.givenNoPriorActivity()
               .when(publish(STARTS, ENDS, 10, STARTS.minus(Duration.ofHours(12))))
               .expectEvents(published(10, STARTS.minus(Duration.ofHours(12))));
    }

    @Test
    void aPostMustEndAfterItStarts() {
        fixture.givenNoPriorActivity()
               .when(publish(STARTS, STARTS, 10, null))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
    }

    @Test
    void aPostMustStartInTheFuture() {
        fixture.givenNoPriorActivity()
               .when(publish(NOW.minusSeconds(60), ENDS, 10, null))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
    }

    @Test
    void capacityIsOneToFiveHundred() {
        fixture.givenNoPriorActivity()
               .when(publish(STARTS, ENDS, 0, null))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_CAPACITY));
        fixture.givenNoPriorActivity()
               .when(publish(STARTS, ENDS, 501, null))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_CAPACITY));
    }

    @Test
    void theSignUpDeadlineIsBeforeTheStart() {
        fixture.givenNoPriorActivity()
               .when(publish(STARTS, ENDS, 10, STARTS))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
    }

    @Test
    void timeHeldForAPlaceOrForARequestNotYetDecidedStands() {
        fixture.given(published(2, null), new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"))
               .when(new CheckPlaceCommand("post-1", "lihua", "r1"))
               .expectNoEvents().expectResultMessagePayload(true);
        fixture.given(published(2, null))
               .when(new CheckPlaceCommand("post-1", "wang", "r2"))
               .expectNoEvents().expectResultMessagePayload(true);
    }

    @Test
    void timeHeldForARefusedRequestAWithdrawalOrACancelledPostNoLongerStands() {
        fixture.given(published(2, null), new SignUpRefusedEvent("post-1", "lihua", "r1", new RuleViolation(
                       ErrorCode.OVERLAPPING_SIGN_UP, "overlaps", "post-0")))
               .when(new CheckPlaceCommand("post-1", "lihua", "r1"))
               .expectResultMessagePayload(false);
        fixture.given(published(2, null), new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"),
                      new SignUpWithdrawnEvent("post-1", "lihua", true))
               .when(new CheckPlaceCommand("post-1", "lihua", "r1"))
               .expectResultMessagePayload(false);
        fixture.given(published(2, null), new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"),
                      new VolunteerPostCancelledEvent("post-1", "rain"))
               .when(new CheckPlaceCommand("post-1", "lihua", "r1"))
               .expectResultMessagePayload(false);
        fixture.given(published(2, null))
               .when(new CheckPlaceCommand("post-1", "lihua", null))
               .expectResultMessagePayload(false);
    }

    @Test
    void whileSeatsAreLeftARequestIsConfirmed() {
        fixture.given(published(2, null))
               .when(new ConfirmSignUpCommand("post-1", "lihua", "r1"))
               .expectEvents(new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"))
               .expectResultMessagePayload(true);
    }

    @Test
    void whenFullARequestIsWaitlistedWithTheInputsOfThatDecision() {
        fixture.given(published(1, null), new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
                      new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1))
               .when(new ConfirmSignUpCommand("post-1", "zhao", "r3"))
               .expectEvents(new VolunteerWaitlistedEvent("post-1", "zhao", null, 1, 1, 2, "r3"))
               .expectResultMessagePayload(true);
    }

    @Test
    void aRequestOfSomeoneWhoHoldsAPlaceAlreadyIsRefused() {
        fixture.given(published(2, null), new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"))
               .when(new ConfirmSignUpCommand("post-1", "lihua", "r2"))
               .expectEvents(new SignUpRefusedEvent("post-1", "lihua", "r2", new RuleViolation(
                       ErrorCode.ALREADY_SIGNED_UP, "lihua is already signed up for this post", null)))
               .expectResultMessagePayload(false);
    }

    @Test
    void aRequestForAPostCancelledSinceIsRefused() {
        fixture.given(published(2, null), new VolunteerPostCancelledEvent("post-1", "rain"))
               .when(new ConfirmSignUpCommand("post-1", "lihua", "r1"))
               .expectEvents(new SignUpRefusedEvent("post-1", "lihua", "r1", new RuleViolation(
                       ErrorCode.POST_NOT_OPEN, "The post post-1 is cancelled", null)))
               .expectResultMessagePayload(false);
    }

    @Test
    void aRequestMadeInTimeIsPlacedAfterTheDeadline() {
        Instant deadline = STARTS.minus(Duration.ofDays(1));
        fixture.given(published(2, deadline))
               .andGivenCurrentTime(deadline.plusSeconds(1))
               .when(new ConfirmSignUpCommand("post-1", "lihua", "r1"))
               .expectEvents(new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"));
    }

    @Test
    void aRequestDecidedBeforeIsAnsweredAsItWasDecided() {
        fixture.given(published(2, null), new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"))
               .when(new ConfirmSignUpCommand("post-1", "lihua", "r1"))
               .expectNoEvents().expectResultMessagePayload(true);
    }

    @Test
    void aRefusedRequestStaysRefused() {
        RuleViolation overlap = new RuleViolation(ErrorCode.OVERLAPPING_SIGN_UP, "overlaps", "post-0");
        fixture.given(published(2, null), new SignUpRefusedEvent("post-1", "lihua", "r1", overlap))
               .when(new ConfirmSignUpCommand("post-1", "lihua", "r1"))
               .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void aRefusalRecordedBeforeStandsAndIsNotRecordedTwice() {
        RuleViolation overlap = new RuleViolation(ErrorCode.OVERLAPPING_SIGN_UP, "overlaps", "post-0");
        fixture.given(published(2, null), new SignUpRefusedEvent("post-1", "lihua", "r1", overlap))
               .when(new RefuseSignUpCommand("post-1", "lihua", "r1", overlap))
               .expectNoEvents().expectResultMessagePayload(true);
    }

    @Test
    void anOverlapIsRecordedAsARefusalNamingTheOtherDuty() {
        RuleViolation overlap = new RuleViolation(ErrorCode.OVERLAPPING_SIGN_UP, "overlaps", "post-0");
        fixture.given(published(2, null))
               .when(new RefuseSignUpCommand("post-1", "lihua", "r1", overlap))
               .expectEvents(new SignUpRefusedEvent("post-1", "lihua", "r1", overlap))
               .expectResultMessagePayload(true);
    }

    @Test
    void aPlacedRequestIsNotRefusedAfterwards() {
        fixture.given(published(2, null), new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"))
               .when(new RefuseSignUpCommand("post-1", "lihua", "r1",
                                             new RuleViolation(ErrorCode.OVERLAPPING_SIGN_UP, "overlaps", "post-0")))
               .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void aWithdrawalFromASeatPromotesTheFirstInLineInTheSameCommit() {
        fixture.given(published(1, null), new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
                      new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1),
                      new VolunteerWaitlistedEvent("post-1", "zhao", "Zhao", 1, 1, 2))
               .when(new WithdrawSignUpCommand("post-1", "lihua"))
               .expectEvents(new SignUpWithdrawnEvent("post-1", "lihua", true),
                             new VolunteerPromotedEvent("post-1", "wang", 1, 0, 1))
               .expectResultMessagePayload(5L);
    }

    @Test
    void aWithdrawalFromTheQueuePromotesNobody() {
        fixture.given(published(1, null), new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
                      new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1))
               .when(new WithdrawSignUpCommand("post-1", "wang"))
               .expectEvents(new SignUpWithdrawnEvent("post-1", "wang", false));
    }

    @Test
    void theQueueIsRenumberedAfterAPromotion() {
        fixture.given(published(1, null), new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
                      new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1),
                      new VolunteerWaitlistedEvent("post-1", "zhao", "Zhao", 1, 1, 2),
                      new SignUpWithdrawnEvent("post-1", "lihua", true),
                      new VolunteerPromotedEvent("post-1", "wang", 1, 0, 1))
               .when(new ConfirmSignUpCommand("post-1", "qian", "r4"))
               .expectEvents(new VolunteerWaitlistedEvent("post-1", "qian", null, 1, 1, 2, "r4"));
    }

    @Test
    void cannotWithdrawWithoutASignUp() {
        fixture.given(published(1, null))
               .when(new WithdrawSignUpCommand("post-1", "lihua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_SIGNED_UP));
    }

    @Test
    void theOrganizerReschedulesWithAReasonAndTheOldTimesKept() {
        Instant later = STARTS.plus(Duration.ofDays(1));
        fixture.given(published(1, null))
               .when(new RescheduleVolunteerPostCommand("post-1", "zhang", later, later.plus(Duration.ofHours(2)),
                                                        "rain forecast"))
               .expectEvents(new VolunteerPostRescheduledEvent("post-1", STARTS, ENDS, later,
                                                               later.plus(Duration.ofHours(2)), "rain forecast"));
    }

    @Test
    void onlyTheOrganizerWhoPublishedMayReschedule() {
        fixture.given(published(1, null))
               .when(new RescheduleVolunteerPostCommand("post-1", "someone-else", STARTS, ENDS, "mine now"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
    }

    @Test
    void aRescheduleMustKeepTheTimesValid() {
        fixture.given(published(1, null))
               .when(new RescheduleVolunteerPostCommand("post-1", "zhang", ENDS, STARTS, "backwards"))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
    }

    private static final VolunteerSignedUpEvent LIHUA_SEATED = new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 2, 0);

    @Test
    void hoursAreTheTimeBetweenCheckInAndCheckOutToTheMinute() {
        fixture.given(published(2, null), LIHUA_SEATED)
               .andGivenCurrentTime(ENDS.plusSeconds(3600))
               .when(new RecordAttendanceCommand("post-1", "zhang", "lihua", STARTS.plusSeconds(90),
                                                 ENDS.minusSeconds(30)))
               .expectEvents(new AttendanceRecordedEvent("post-1", "lihua", STARTS.plusSeconds(90),
                                                         ENDS.minusSeconds(30), 178, false, null))
               .expectResultMessagePayload(178L);
    }

    @Test
    void aLaterRecordIsACorrectionNamingWhatItReplaces() {
        fixture.given(published(2, null), LIHUA_SEATED,
                      new AttendanceRecordedEvent("post-1", "lihua", STARTS, ENDS, 180, false, null))
               .andGivenCurrentTime(ENDS.plusSeconds(3600))
               .when(new RecordAttendanceCommand("post-1", "zhang", "lihua", STARTS, STARTS.plusSeconds(3600)))
               .expectEvents(new AttendanceRecordedEvent("post-1", "lihua", STARTS, STARTS.plusSeconds(3600), 60,
                                                         true, 180L));
    }

    @Test
    void onlyTheOrganizerRecordsAttendance() {
        fixture.given(published(2, null), LIHUA_SEATED)
               .andGivenCurrentTime(ENDS.plusSeconds(3600))
               .when(new RecordAttendanceCommand("post-1", "someone-else", "lihua", STARTS, ENDS))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
    }

    @Test
    void attendanceIsOnlyForVolunteersOnTheConfirmedRoster() {
        fixture.given(published(1, null), LIHUA_SEATED, new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1))
               .andGivenCurrentTime(ENDS.plusSeconds(3600))
               .when(new RecordAttendanceCommand("post-1", "zhang", "wang", STARTS, ENDS))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_ON_ROSTER));
    }

    @Test
    void checkOutIsAfterCheckIn() {
        fixture.given(published(2, null), LIHUA_SEATED)
               .andGivenCurrentTime(ENDS.plusSeconds(3600))
               .when(new RecordAttendanceCommand("post-1", "zhang", "lihua", ENDS, STARTS))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_ATTENDANCE));
    }

    @Test
    void attendanceFallsWithinTheShiftGiveOrTakeTwoHours() {
        fixture.given(published(2, null), LIHUA_SEATED)
               .andGivenCurrentTime(ENDS.plus(Duration.ofHours(5)))
               .when(new RecordAttendanceCommand("post-1", "zhang", "lihua", STARTS,
                                                 ENDS.plus(Duration.ofHours(2)).plusSeconds(60)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_ATTENDANCE));
    }

    @Test
    void attendanceIsNotInTheFuture() {
        fixture.given(published(2, null), LIHUA_SEATED)
               .andGivenCurrentTime(STARTS.plusSeconds(600))
               .when(new RecordAttendanceCommand("post-1", "zhang", "lihua", STARTS, ENDS))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_ATTENDANCE));
    }

    @Test
    void theOrganizerChecksInAConfirmedVolunteerAtTheCurrentTime() {
        Instant arrived = STARTS.minusSeconds(600);
        fixture.given(published(2, null), LIHUA_SEATED)
               .andGivenCurrentTime(arrived)
               .when(new CheckInVolunteerCommand("post-1", "zhang", "lihua"))
               .expectEvents(new VolunteerCheckedInEvent("post-1", "lihua", arrived));
    }

    @Test
    void aSecondCheckInChangesNothing() {
        fixture.given(published(2, null), LIHUA_SEATED, new VolunteerCheckedInEvent("post-1", "lihua", STARTS))
               .andGivenCurrentTime(STARTS.plusSeconds(60))
               .when(new CheckInVolunteerCommand("post-1", "zhang", "lihua"))
               .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void checkInIsOnlyForTheOrganizerAndVolunteersOnTheConfirmedRoster() {
        fixture.given(published(1, null), LIHUA_SEATED, new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1))
               .andGivenCurrentTime(STARTS)
               .when(new CheckInVolunteerCommand("post-1", "zhang", "wang"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_ON_ROSTER));
        fixture.given(published(1, null), LIHUA_SEATED)
               .andGivenCurrentTime(STARTS)
               .when(new CheckInVolunteerCommand("post-1", "someone-else", "lihua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
    }

    @Test
    void checkInOpensTwoHoursBeforeTheShift() {
        fixture.given(published(2, null), LIHUA_SEATED)
               .andGivenCurrentTime(STARTS.minus(Duration.ofHours(2)).minusSeconds(60))
               .when(new CheckInVolunteerCommand("post-1", "zhang", "lihua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_ATTENDANCE));
    }

    @Test
    void theOrganizerCancelsWithAReason() {
        fixture.given(published(1, null))
               .when(new CancelVolunteerPostCommand("post-1", "zhang", "flooded square"))
               .expectEvents(new VolunteerPostCancelledEvent("post-1", "flooded square"));
    }

    @Test
    void onlyTheOrganizerWhoPublishedMayCancel() {
        fixture.given(published(1, null))
               .when(new CancelVolunteerPostCommand("post-1", "someone-else", "no"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
    }

    @Test
    void aCancelledPostCannotBeCancelledAgain() {
        fixture.given(published(1, null), new VolunteerPostCancelledEvent("post-1", "rain"))
               .when(new CancelVolunteerPostCommand("post-1", "zhang", "again"))
               .expectNoEvents().expectException(violationOf(ErrorCode.POST_NOT_OPEN));
    }
}
