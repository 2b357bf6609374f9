package community.platform.command.volunteering;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.volunteering.CheckDutySlotCommand;
import community.platform.shared.volunteering.CheckPlaceCommand;
import community.platform.shared.volunteering.DutyClash;
import community.platform.shared.volunteering.ConfirmSignUpCommand;
import community.platform.shared.volunteering.DutySlotReservedEvent;
import community.platform.shared.volunteering.MoveDutySlotCommand;
import community.platform.shared.volunteering.RefuseSignUpCommand;
import community.platform.shared.volunteering.ReleaseDutySlotCommand;
import community.platform.shared.volunteering.ReserveDutySlotCommand;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The duties process of one post, step by step: each test gives the post's (and its volunteers' schedules') history,
 * one event, and the commands the process sends, answered as the records would answer them.
 */
class PostDutiesSagaTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");
    private static final Instant ENDS = STARTS.plus(Duration.ofHours(3));
    private static final VolunteerPostPublishedEvent PUBLISHED = new VolunteerPostPublishedEvent(
            "post-1", "zhang", "Health safeguarding duty", "Temperature checks", "health safeguarding",
            "Central Square", STARTS, ENDS, 1, null, List.of());
    private static final DutySlotReservedEvent LIHUA_REQUESTS = requested("lihua", "r1");
    private static final RuleViolation OVERLAP = new RuleViolation(
            ErrorCode.OVERLAPPING_SIGN_UP, "This duty overlaps 'Park clean-up' (post-0)", "post-0");

    private SagaTestFixture<PostDutiesSaga> fixture;
    /** What each command is answered with; a command not named here answers null. */
    private final Map<Object, Object> answers = new HashMap<>();

    @BeforeEach
    void fixture() {
        fixture = new SagaTestFixture<>(PostDutiesSaga.class);
        fixture.registerResource(new OwnCommits(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus())
                                                                     .build(), Runnable::run));
        fixture.setCallbackBehavior((command, metaData) -> {
            Object answer = answers.get(command);
            if (answer instanceof RuntimeException refusal) {
                throw refusal;
            }
            return answer;
        });
    }

    private static DutySlotReservedEvent requested(String volunteer, String requestId) {
        return new DutySlotReservedEvent("schedule-" + volunteer, volunteer, "post-1", "Health safeguarding duty",
                                         STARTS, ENDS, requestId);
    }

    /** lihua's request r1 overlaps her duty on post-0, which that post still stands behind. */
    private void overlapStands() {
        answers.put(check("lihua", "r1"), new DutyClash(OVERLAP, "post-0", "r0"));
        answers.put(new CheckPlaceCommand("post-0", "lihua", "r0"), true);
    }

    private static CheckDutySlotCommand check(String volunteer, String requestId) {
        return new CheckDutySlotCommand("schedule-" + volunteer, "post-1", requestId, STARTS, ENDS);
    }

    @Test
    void aRequestThatOverlappedNothingIsPlacedByThePostWithoutAnotherCheck() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("schedule-lihua").publishes(new DutySlotReservedEvent(
                       "schedule-lihua", "lihua", "post-1", "Health safeguarding duty", STARTS, ENDS, "r1", true))
               .expectActiveSagas(1)
               .expectDispatchedCommands(new ConfirmSignUpCommand("post-1", "lihua", "r1"));
    }

    @Test
    void aRequestThatOverlappedSomethingIsCheckedAgainInLogOrderThenPlacedWhenThatWasGivenBack() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("schedule-lihua").publishes(LIHUA_REQUESTS)
               .expectActiveSagas(1)
               .expectDispatchedCommands(check("lihua", "r1"), new ConfirmSignUpCommand("post-1", "lihua", "r1"));
    }

    @Test
    void anOverlapWithTimeAnotherPostNoLongerStandsBehindIsGivenBackAndTheRequestCheckedAgain() {
        // post-0 let lihua go, and its own process has not given her time back yet
        answers.put(check("lihua", "r1"), new DutyClash(OVERLAP, "post-0", "r0"));
        answers.put(new CheckPlaceCommand("post-0", "lihua", "r0"), false);
        answers.put(new ReleaseDutySlotCommand("schedule-lihua", "post-0", "r0"), null);
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);
        // the second check finds nothing: the answer to the first is taken away once given
        fixture.setCallbackBehavior((command, metaData) -> {
            Object answer = answers.get(command);
            if (command instanceof ReleaseDutySlotCommand) {
                answers.remove(check("lihua", "r1"));
            }
            return answer;
        });

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("schedule-lihua").publishes(LIHUA_REQUESTS)
               .expectDispatchedCommands(check("lihua", "r1"), new CheckPlaceCommand("post-0", "lihua", "r0"),
                                         new ReleaseDutySlotCommand("schedule-lihua", "post-0", "r0"),
                                         check("lihua", "r1"), new ConfirmSignUpCommand("post-1", "lihua", "r1"));
    }

    @Test
    void anOverlapIsRecordedOnThePostAndTheHoldGivenBack() {
        overlapStands();
        answers.put(new RefuseSignUpCommand("post-1", "lihua", "r1", OVERLAP), true);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("schedule-lihua").publishes(LIHUA_REQUESTS)
               .expectDispatchedCommands(check("lihua", "r1"), new CheckPlaceCommand("post-0", "lihua", "r0"),
                                         new RefuseSignUpCommand("post-1", "lihua", "r1", OVERLAP),
                                         new ReleaseDutySlotCommand("schedule-lihua", "post-1", "r1"));
    }

    @Test
    void aStepTakenAgainAfterACrashGivesBackTheHoldOfARequestRefusedBefore() {
        overlapStands();
        // the post had recorded the refusal when the process died: it answers that the request stands refused
        answers.put(new RefuseSignUpCommand("post-1", "lihua", "r1", OVERLAP), true);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("schedule-lihua").publishes(LIHUA_REQUESTS)
               .expectDispatchedCommands(check("lihua", "r1"), new CheckPlaceCommand("post-0", "lihua", "r0"),
                                         new RefuseSignUpCommand("post-1", "lihua", "r1", OVERLAP),
                                         new ReleaseDutySlotCommand("schedule-lihua", "post-1", "r1"));
    }

    @Test
    void anOverlapFoundAgainForARequestThePostPlacedKeepsTheHold() {
        overlapStands();
        answers.put(new RefuseSignUpCommand("post-1", "lihua", "r1", OVERLAP), false);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("schedule-lihua").publishes(LIHUA_REQUESTS)
               .expectDispatchedCommands(check("lihua", "r1"), new CheckPlaceCommand("post-0", "lihua", "r0"),
                                         new RefuseSignUpCommand("post-1", "lihua", "r1", OVERLAP));
    }

    @Test
    void aRequestThePostRefusesGivesItsHoldBack() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), false);

        fixture.givenAggregate("post-1").published(PUBLISHED, new VolunteerPostCancelledEvent("post-1", "rain"))
               .whenAggregate("schedule-lihua").publishes(LIHUA_REQUESTS)
               .expectDispatchedCommands(check("lihua", "r1"), new ConfirmSignUpCommand("post-1", "lihua", "r1"),
                                         new ReleaseDutySlotCommand("schedule-lihua", "post-1", "r1"));
    }

    @Test
    void aNewerRequestOfAVolunteerWhoHoldsAPlaceTakesOverTheHold() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r2"), false);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .andThenAggregate("schedule-lihua").published(LIHUA_REQUESTS)
               .whenAggregate("schedule-lihua").publishes(requested("lihua", "r2"))
               .expectDispatchedCommands(check("lihua", "r2"), new ConfirmSignUpCommand("post-1", "lihua", "r2"));
        // and a withdrawal then gives back the newer hold
        fixture.whenPublishingA(new SignUpWithdrawnEvent("post-1", "lihua", true))
               .expectDispatchedCommands(new ReleaseDutySlotCommand("schedule-lihua", "post-1", "r2"));
    }

    @Test
    void aWithdrawalGivesTheTimeBack() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .andThenAggregate("schedule-lihua").published(LIHUA_REQUESTS)
               .andThenAggregate("post-1").published(new VolunteerSignedUpEvent("post-1", "lihua", null, 1, 0, "r1"))
               .whenAggregate("post-1").publishes(new SignUpWithdrawnEvent("post-1", "lihua", true))
               .expectDispatchedCommands(new ReleaseDutySlotCommand("schedule-lihua", "post-1", "r1"));
    }

    @Test
    void aWithdrawalOfSomeoneWithoutTimeHeldSendsNothing() {
        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("post-1").publishes(new SignUpWithdrawnEvent("post-1", "wang", true))
               .expectNoDispatchedCommands();
    }

    @Test
    void aNewTimeMovesEveryHoldersSlot() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);
        answers.put(new ConfirmSignUpCommand("post-1", "wang", "r2"), true);
        Instant later = STARTS.plus(Duration.ofDays(1));

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .andThenAggregate("schedule-wang").published(requested("wang", "r2"))
               .andThenAggregate("schedule-lihua").published(LIHUA_REQUESTS)
               .whenAggregate("post-1").publishes(new VolunteerPostRescheduledEvent(
                       "post-1", STARTS, ENDS, later, later.plus(Duration.ofHours(3)), "rain"))
               .expectDispatchedCommands(
                       new MoveDutySlotCommand("schedule-lihua", "post-1", later, later.plus(Duration.ofHours(3))),
                       new MoveDutySlotCommand("schedule-wang", "post-1", later, later.plus(Duration.ofHours(3))));
    }

    @Test
    void aRequestAfterANewTimeIsCheckedAtTheNewTime() {
        Instant later = STARTS.plus(Duration.ofDays(1));

        fixture.givenAggregate("post-1").published(PUBLISHED, new VolunteerPostRescheduledEvent(
                       "post-1", STARTS, ENDS, later, later.plus(Duration.ofHours(3)), null))
               .whenAggregate("schedule-lihua").publishes(LIHUA_REQUESTS)
               .expectDispatchedCommands(
                       new CheckDutySlotCommand("schedule-lihua", "post-1", "r1", later, later.plus(Duration.ofHours(3))),
                       new ConfirmSignUpCommand("post-1", "lihua", "r1"));
    }

    @Test
    void aCancellationGivesEveryonesTimeBackAndTheProcessStays() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);
        answers.put(new ConfirmSignUpCommand("post-1", "wang", "r2"), true);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .andThenAggregate("schedule-wang").published(requested("wang", "r2"))
               .andThenAggregate("schedule-lihua").published(LIHUA_REQUESTS)
               .whenAggregate("post-1").publishes(new VolunteerPostCancelledEvent("post-1", "storm"))
               .expectActiveSagas(1)
               .expectDispatchedCommands(new ReleaseDutySlotCommand("schedule-lihua", "post-1", "r1"),
                                         new ReleaseDutySlotCommand("schedule-wang", "post-1", "r2"));
    }

    @Test
    void aReplayedPlaceFromBeforeRequestIdsHoldsItsTimeAgainAndChangesNothingIfHeld() {
        fixture.givenAggregate("post-1").published(PUBLISHED)
               .andThenAggregate("schedule-lihua").published(new DutySlotReservedEvent(
                       "schedule-lihua", "lihua", "post-1", "Health safeguarding duty", STARTS, ENDS))
               .whenAggregate("post-1").publishes(new VolunteerWaitlistedEvent("post-1", "lihua", "Li Hua", 1, 1, 1))
               .expectDispatchedCommands(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-1",
                                                                    "Health safeguarding duty", STARTS, ENDS));
    }

    @Test
    void aReplayedPlaceThatNowOverlapsIsLoggedNotRetriedForever() {
        answers.put(new ReserveDutySlotCommand("schedule-lihua", "lihua", "post-1", "Health safeguarding duty",
                                               STARTS, ENDS),
                    new CommandExecutionException("overlaps", null, OVERLAP));

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("post-1").publishes(new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0))
               .expectSuccessfulHandlerExecution();
        // and its time is given back with the place
        fixture.whenPublishingA(new SignUpWithdrawnEvent("post-1", "lihua", true))
               .expectDispatchedCommands(new ReleaseDutySlotCommand("schedule-lihua", "post-1", null));
    }

    @Test
    void aPlaceDecidedByThisProcessIsNotHeldTwice() {
        answers.put(new ConfirmSignUpCommand("post-1", "lihua", "r1"), true);

        fixture.givenAggregate("post-1").published(PUBLISHED)
               .andThenAggregate("schedule-lihua").published(LIHUA_REQUESTS)
               .whenAggregate("post-1").publishes(new VolunteerSignedUpEvent("post-1", "lihua", null, 1, 0, "r1"))
               .expectNoDispatchedCommands();
    }

    @Test
    void aPlaceGivenOnARequestIsNotThisProcesssConcernEvenIfItNeverSawTheRequest() {
        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("post-1").publishes(new VolunteerWaitlistedEvent("post-1", "lihua", "Li Hua", 1, 1, 1,
                                                                               "r9"))
               .expectNoDispatchedCommands();
        fixture.whenPublishingA(new VolunteerSignedUpEvent("post-1", "wang", "Wang Fang", 1, 0, "r10"))
               .expectNoDispatchedCommands();
    }

    @Test
    void anOldHoldWithoutARequestIdIsNotDecidedAgain() {
        fixture.givenAggregate("post-1").published(PUBLISHED)
               .whenAggregate("schedule-lihua").publishes(new DutySlotReservedEvent(
                       "schedule-lihua", "lihua", "post-1", "Health safeguarding duty", STARTS, ENDS))
               .expectNoDispatchedCommands();
    }
}
