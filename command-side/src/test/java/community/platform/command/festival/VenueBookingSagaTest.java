package community.platform.command.festival;

import community.platform.command.handling.OwnCommits;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.festival.BookVenueCommand;
import community.platform.shared.festival.ConfirmRescheduleCommand;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.FestivalEventCancelledEvent;
import community.platform.shared.festival.FestivalEventRescheduleRequestedEvent;
import community.platform.shared.festival.FestivalEventRescheduledEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.RejectFestivalEventCommand;
import community.platform.shared.festival.RejectRescheduleCommand;
import community.platform.shared.festival.ReleaseVenueBookingCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.function.Predicate;

class VenueBookingSagaTest {

    private static final Instant TWO = Instant.parse("2027-02-08T06:00:00Z");
    private static final Instant FOUR = TWO.plusSeconds(7200);
    private static final Instant SIX = FOUR.plusSeconds(7200);
    private static final String HALL = "venue-culture hall";
    private static final String LIBRARY = "venue-library";
    private static final FestivalEventScheduledEvent SCHEDULED = new FestivalEventScheduledEvent(
            "fe-1", "zhang", "Writing workshop", EventKind.WORKSHOP, "Culture Hall", TWO, FOUR, 30, null);
    private static final BookVenueCommand BOOK_HALL =
            new BookVenueCommand(HALL, "Culture Hall", "fe-1", "Writing workshop", TWO, FOUR);
    private static final RuleViolation CLASH =
            new RuleViolation(ErrorCode.VENUE_CLASH, "The venue is booked for 'Exhibition' (fe-2)", "fe-2");

    private static final java.util.Map<String, Object> TO_BOOK = VenueBookingSaga.TO_BOOK;

    private SagaTestFixture<VenueBookingSaga> fixture;

    @BeforeEach
    void fixture() {
        fixture = new SagaTestFixture<>(VenueBookingSaga.class);
        fixture.registerResource(new OwnCommits(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus())
                                                                     .build(), Runnable::run));
    }

    /** The command bus refuses the commands {@code refused} picks with {@code why}, and carries out the rest. */
    private void refusing(Predicate<Object> refused, RuleViolation why) {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (refused.test(command)) {
                throw new CommandExecutionException(why.detail(), null, why);
            }
            return null;
        });
    }

    private static FestivalEventRescheduleRequestedEvent moveTo(String venue, Instant starts, Instant ends) {
        return new FestivalEventRescheduleRequestedEvent("fe-1", 1, "Writing workshop", "Culture Hall", TWO, FOUR,
                                                         venue, starts, ends, "calligrapher ill");
    }

    @Test
    void aNewEventHasItsVenueBooked() {
        fixture.givenNoPriorActivity()
               .whenAggregate("fe-1").publishes(SCHEDULED, TO_BOOK)
               .expectActiveSagas(1)
               .expectAssociationWith("eventId", "fe-1")
               .expectDispatchedCommands(BOOK_HALL);
    }

    @Test
    void aVenueClashTurnsTheEventDownNamingTheEventInTheWayAndEndsTheProcess() {
        refusing(BookVenueCommand.class::isInstance, CLASH);
        fixture.givenNoPriorActivity()
               .whenAggregate("fe-1").publishes(SCHEDULED, TO_BOOK)
               .expectActiveSagas(0)
               .expectDispatchedCommands(BOOK_HALL, new RejectFestivalEventCommand("fe-1", ErrorCode.VENUE_CLASH,
                                                                                   CLASH.detail(), "fe-2"));
    }

    @Test
    void anEventScheduledWithItsBookingBeforeThisProcessIsTakenOverWithoutBookingAgain() {
        fixture.givenNoPriorActivity()
               .whenAggregate("fe-1").publishes(SCHEDULED)
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        fixture.givenAggregate("fe-1").published(SCHEDULED)
               .whenAggregate("fe-1").publishes(new FestivalEventCancelledEvent("fe-1", "flooded"))
               .expectActiveSagas(0)
               .expectDispatchedCommands(new ReleaseVenueBookingCommand(HALL, "fe-1"));
    }

    @Test
    void aMoveInTheSameVenueMovesTheBookingThenTheEvent() {
        fixture.givenAggregate("fe-1").published(SCHEDULED)
               .whenAggregate("fe-1").publishes(moveTo("Culture Hall", FOUR, SIX))
               .expectDispatchedCommands(new BookVenueCommand(HALL, "Culture Hall", "fe-1", "Writing workshop", FOUR,
                                                              SIX),
                                         new ConfirmRescheduleCommand("fe-1", 1));
    }

    @Test
    void aMoveToAnotherVenueBooksItFirstAndReleasesTheOldOneAfterTheMove() {
        fixture.givenAggregate("fe-1").published(SCHEDULED)
               .whenAggregate("fe-1").publishes(moveTo("Library", FOUR, SIX))
               .expectDispatchedCommands(new BookVenueCommand(LIBRARY, "Library", "fe-1", "Writing workshop", FOUR,
                                                              SIX),
                                         new ConfirmRescheduleCommand("fe-1", 1),
                                         new ReleaseVenueBookingCommand(HALL, "fe-1"));
    }

    @Test
    void aMoveTheVenueRefusesIsRejectedAndTheEventKeepsItsTime() {
        refusing(BookVenueCommand.class::isInstance, CLASH);
        fixture.givenAggregate("fe-1").published(SCHEDULED)
               .whenAggregate("fe-1").publishes(moveTo("Culture Hall", FOUR, SIX))
               .expectActiveSagas(1)
               .expectDispatchedCommands(new BookVenueCommand(HALL, "Culture Hall", "fe-1", "Writing workshop", FOUR,
                                                              SIX),
                                         new RejectRescheduleCommand("fe-1", 1, ErrorCode.VENUE_CLASH, CLASH.detail(),
                                                                     "fe-2"));
    }

    @Test
    void aMoveTheEventRefusesPutsTheBookingBackWhereItWas() {
        RuleViolation cancelled = new RuleViolation(ErrorCode.EVENT_NOT_OPEN, "The event fe-1 is cancelled", null);
        refusing(ConfirmRescheduleCommand.class::isInstance, cancelled);
        fixture.givenAggregate("fe-1").published(SCHEDULED)
               .whenAggregate("fe-1").publishes(moveTo("Culture Hall", FOUR, SIX))
               .expectDispatchedCommands(new BookVenueCommand(HALL, "Culture Hall", "fe-1", "Writing workshop", FOUR,
                                                              SIX),
                                         new ConfirmRescheduleCommand("fe-1", 1),
                                         BOOK_HALL,
                                         new RejectRescheduleCommand("fe-1", 1, ErrorCode.EVENT_NOT_OPEN,
                                                                     cancelled.detail(), null));
    }

    @Test
    void aMoveToAnotherVenueTheEventRefusesGivesTheNewVenueBack() {
        RuleViolation cancelled = new RuleViolation(ErrorCode.EVENT_NOT_OPEN, "The event fe-1 is cancelled", null);
        refusing(ConfirmRescheduleCommand.class::isInstance, cancelled);
        fixture.givenAggregate("fe-1").published(SCHEDULED)
               .whenAggregate("fe-1").publishes(moveTo("Library", FOUR, SIX))
               .expectDispatchedCommands(new BookVenueCommand(LIBRARY, "Library", "fe-1", "Writing workshop", FOUR,
                                                              SIX),
                                         new ConfirmRescheduleCommand("fe-1", 1),
                                         new ReleaseVenueBookingCommand(LIBRARY, "fe-1"),
                                         new RejectRescheduleCommand("fe-1", 1, ErrorCode.EVENT_NOT_OPEN,
                                                                     cancelled.detail(), null));
    }

    @Test
    void aCancelledEventReleasesTheVenueItWasLastMovedTo() {
        fixture.givenAggregate("fe-1").published(SCHEDULED, moveTo("Library", FOUR, SIX),
                                                 new FestivalEventRescheduledEvent("fe-1", "Culture Hall", TWO, FOUR,
                                                                                   "Library", FOUR, SIX, null))
               .whenAggregate("fe-1").publishes(new FestivalEventCancelledEvent("fe-1", "flooded"))
               .expectActiveSagas(0)
               .expectDispatchedCommands(new ReleaseVenueBookingCommand(LIBRARY, "fe-1"));
    }
}
