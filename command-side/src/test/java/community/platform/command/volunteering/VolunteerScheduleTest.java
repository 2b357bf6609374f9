package community.platform.command.volunteering;

import community.platform.shared.ErrorCode;
import community.platform.shared.volunteering.CheckDutySlotCommand;
import community.platform.shared.volunteering.DutyClash;
import community.platform.shared.volunteering.DutySlotMovedEvent;
import community.platform.shared.volunteering.DutySlotReleasedEvent;
import community.platform.shared.volunteering.MoveDutySlotCommand;
import community.platform.shared.volunteering.DutySlotReservedEvent;
import community.platform.shared.volunteering.ReleaseDutySlotCommand;
import community.platform.shared.volunteering.ReserveDutySlotCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static community.platform.command.handling.Violations.violationOf;

class VolunteerScheduleTest {

    private static final Instant NINE = Instant.parse("2027-01-20T01:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2027-01-20T03:00:00Z");
    private static final Instant NOON = Instant.parse("2027-01-20T04:00:00Z");
    private static final DutySlotReservedEvent MORNING =
            new DutySlotReservedEvent("schedule-lihua", "lihua", "post-1", "Park clean-up", NINE, ELEVEN);

    private AggregateTestFixture<VolunteerSchedule> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(VolunteerSchedule.class);
    }

    @Test
    void aFirstDutyIsHeld() {
        fixture.givenNoPriorActivity()
               .when(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-1", "Park clean-up", NINE, ELEVEN))
               .expectEvents(MORNING)
               .expectResultMessagePayload(true);
    }

    @Test
    void aVolunteerCannotHoldTwoDutiesThatOverlapAndIsToldWhichOne() {
        fixture.given(MORNING)
               .when(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-2", "Station shift",
                                                ELEVEN.minusSeconds(60), NOON))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.OVERLAPPING_SIGN_UP, "post-1"));
    }

    @Test
    void dutiesThatMeetEndToStartDoNotOverlap() {
        fixture.given(MORNING)
               .when(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-2", "Station shift", ELEVEN, NOON))
               .expectEvents(new DutySlotReservedEvent("schedule-lihua", "lihua", "post-2", "Station shift",
                                                       ELEVEN, NOON));
    }

    @Test
    void holdingTheSameDutyAgainChangesNothing() {
        fixture.given(MORNING)
               .when(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-1", "Park clean-up", NINE, ELEVEN))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aReleasedDutyFreesTheTime() {
        fixture.given(MORNING, new DutySlotReleasedEvent("schedule-lihua", "post-1"))
               .when(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-2", "Station shift", NINE, NOON))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new DutySlotReservedEvent("schedule-lihua", "lihua", "post-2", "Station shift",
                                                       NINE, NOON));
    }

    @Test
    void aMovedDutyIsCheckedAtItsNewTime() {
        fixture.given(MORNING, new DutySlotMovedEvent("schedule-lihua", "post-1", NOON, NOON.plusSeconds(3600)))
               .when(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-2", "Station shift", NINE, ELEVEN))
               .expectEvents(new DutySlotReservedEvent("schedule-lihua", "lihua", "post-2", "Station shift",
                                                       NINE, ELEVEN));
    }

    @Test
    void movingADutyRecordsItsNewTimes() {
        fixture.given(MORNING)
               .when(new MoveDutySlotCommand("schedule-lihua", "post-1", NOON, NOON.plusSeconds(3600)))
               .expectEvents(new DutySlotMovedEvent("schedule-lihua", "post-1", NOON, NOON.plusSeconds(3600)));
    }

    @Test
    void releasingADutyNotHeldChangesNothing() {
        fixture.given(MORNING)
               .when(new ReleaseDutySlotCommand("schedule-lihua", "post-9"))
               .expectNoEvents();
    }

    private static final DutySlotReservedEvent REQUESTED_AT_TEN = new DutySlotReservedEvent(
            "schedule-lihua", "lihua", "post-2", "Station shift", ELEVEN.minusSeconds(3600), NOON, "r2");

    @Test
    void aRequestThatOverlapsADutyHeldBeforeItIsToldWhichOne() {
        fixture.given(MORNING, REQUESTED_AT_TEN)
               .when(new CheckDutySlotCommand("schedule-lihua", "post-2", "r2", ELEVEN.minusSeconds(3600), NOON))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(new org.hamcrest.CustomMatcher<Object>("an overlap naming post-1") {
                   @Override
                   public boolean matches(Object actual) {
                       return actual instanceof DutyClash clash && "post-1".equals(clash.postId())
                               && clash.refusal().code() == ErrorCode.OVERLAPPING_SIGN_UP
                               && "post-1".equals(clash.refusal().subject())
                               && clash.refusal().detail().contains("Park clean-up");
                   }
               });
    }

    @Test
    void aRequestIsNotCheckedAgainstLaterRequests() {
        fixture.given(new DutySlotReservedEvent("schedule-lihua", "lihua", "post-1", "Park clean-up", NINE, ELEVEN,
                                                "r1"), REQUESTED_AT_TEN)
               .when(new CheckDutySlotCommand("schedule-lihua", "post-1", "r1", NINE, ELEVEN))
               .expectNoEvents().expectResultMessagePayload(null);
    }

    @Test
    void aSlotGivenBackBeforeTheRequestDoesNotBlockIt() {
        fixture.given(MORNING, new DutySlotReleasedEvent("schedule-lihua", "post-1"), REQUESTED_AT_TEN)
               .when(new CheckDutySlotCommand("schedule-lihua", "post-2", "r2", ELEVEN.minusSeconds(3600), NOON))
               .expectNoEvents().expectResultMessagePayload(null);
    }

    @Test
    void aRequestReplacedByANewerOneIsRefused() {
        fixture.given(REQUESTED_AT_TEN, new DutySlotReservedEvent("schedule-lihua", "lihua", "post-2",
                                                                  "Station shift", ELEVEN, NOON, "r3"))
               .when(new CheckDutySlotCommand("schedule-lihua", "post-2", "r2", ELEVEN, NOON))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(new org.hamcrest.CustomMatcher<Object>("already signed up") {
                   @Override
                   public boolean matches(Object actual) {
                       return actual instanceof DutyClash clash && clash.postId() == null
                               && clash.refusal().code() == ErrorCode.ALREADY_SIGNED_UP;
                   }
               });
    }

    @Test
    void aRequestFollowsThePostToItsCurrentTimesWhenChecked() {
        fixture.given(REQUESTED_AT_TEN)
               .when(new CheckDutySlotCommand("schedule-lihua", "post-2", "r2", NOON, NOON.plusSeconds(3600)))
               .expectEvents(new DutySlotMovedEvent("schedule-lihua", "post-2", NOON, NOON.plusSeconds(3600)))
               .expectResultMessagePayload(null);
    }

    @Test
    void aReleaseForAnOlderRequestLeavesTheNewerOnesHold() {
        fixture.given(REQUESTED_AT_TEN)
               .when(new ReleaseDutySlotCommand("schedule-lihua", "post-2", "r1"))
               .expectNoEvents();
    }

    @Test
    void aReleaseForTheRequestGivesTheTimeBack() {
        fixture.given(REQUESTED_AT_TEN)
               .when(new ReleaseDutySlotCommand("schedule-lihua", "post-2", "r2"))
               .expectEvents(new DutySlotReleasedEvent("schedule-lihua", "post-2"));
    }

    @Test
    void releasingOrMovingInAScheduleThatWasNeverHeldChangesNothing() {
        fixture.givenNoPriorActivity()
               .when(new ReleaseDutySlotCommand("schedule-lihua", "post-2"))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.givenNoPriorActivity()
               .when(new MoveDutySlotCommand("schedule-lihua", "post-2", NINE, ELEVEN))
               .expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
