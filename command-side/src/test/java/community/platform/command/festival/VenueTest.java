package community.platform.command.festival;

import community.platform.shared.ErrorCode;
import community.platform.shared.festival.BookVenueCommand;
import community.platform.shared.festival.MoveVenueBookingCommand;
import community.platform.shared.festival.ReleaseVenueBookingCommand;
import community.platform.shared.festival.VenueBookedEvent;
import community.platform.shared.festival.VenueBookingMovedEvent;
import community.platform.shared.festival.VenueBookingReleasedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static community.platform.command.handling.Violations.violationOf;

class VenueTest {

    private static final Instant TWO = Instant.parse("2027-02-08T06:00:00Z");
    private static final Instant FOUR = Instant.parse("2027-02-08T08:00:00Z");
    private static final Instant SIX = Instant.parse("2027-02-08T10:00:00Z");
    private static final VenueBookedEvent WORKSHOP =
            new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-1", "Writing workshop", TWO, FOUR);

    private final AggregateTestFixture<Venue> fixture = new AggregateTestFixture<>(Venue.class);

    @Test
    void aFreeSlotIsBooked() {
        fixture.givenNoPriorActivity()
               .when(new BookVenueCommand("venue-culture hall", "Culture Hall", "fe-1", "Writing workshop", TWO, FOUR))
               .expectEvents(WORKSHOP);
    }

    @Test
    void twoEventsMayNotUseTheVenueAtOverlappingTimesAndTheClashIsNamed() {
        fixture.given(WORKSHOP)
               .when(new BookVenueCommand("venue-culture hall", "Culture Hall", "fe-2", "Exhibition",
                                          FOUR.minusSeconds(60), SIX))
               .expectNoEvents().expectException(violationOf(ErrorCode.VENUE_CLASH, "fe-1"));
    }

    @Test
    void backToBackEventsDoNotClash() {
        fixture.given(WORKSHOP)
               .when(new BookVenueCommand("venue-culture hall", "Culture Hall", "fe-2", "Exhibition", FOUR, SIX))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void aMoveIsCheckedAgainstTheOtherBookingsOnly() {
        fixture.given(WORKSHOP, new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-2", "Exhibition",
                                                     FOUR, SIX))
               .when(new MoveVenueBookingCommand("venue-culture hall", "fe-1", TWO.minusSeconds(3600),
                                                 FOUR.minusSeconds(60)))
               .expectEvents(new VenueBookingMovedEvent("venue-culture hall", "fe-1", TWO.minusSeconds(3600),
                                                        FOUR.minusSeconds(60)));
        fixture.given(WORKSHOP, new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-2", "Exhibition",
                                                     FOUR, SIX))
               .when(new MoveVenueBookingCommand("venue-culture hall", "fe-1", TWO, FOUR.plusSeconds(60)))
               .expectNoEvents().expectException(violationOf(ErrorCode.VENUE_CLASH, "fe-2"));
    }

    @Test
    void cancellingFreesTheVenue() {
        fixture.given(WORKSHOP, new VenueBookingReleasedEvent("venue-culture hall", "fe-1"))
               .when(new BookVenueCommand("venue-culture hall", "Culture Hall", "fe-2", "Exhibition", TWO, FOUR))
               .expectSuccessfulHandlerExecution();
        fixture.given(WORKSHOP)
               .when(new ReleaseVenueBookingCommand("venue-culture hall", "fe-1"))
               .expectEvents(new VenueBookingReleasedEvent("venue-culture hall", "fe-1"));
    }

    @Test
    void holdingWhatIsHeldAlreadyChangesNothingSoARetriedStepIsSafe() {
        fixture.given(WORKSHOP)
               .when(new BookVenueCommand("venue-culture hall", "Culture Hall", "fe-1", "Writing workshop", TWO, FOUR))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(WORKSHOP)
               .when(new MoveVenueBookingCommand("venue-culture hall", "fe-1", TWO, FOUR))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(WORKSHOP, new VenueBookingReleasedEvent("venue-culture hall", "fe-1"))
               .when(new ReleaseVenueBookingCommand("venue-culture hall", "fe-1"))
               .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void bookingAnotherTimeForTheSameEventMovesItsBooking() {
        fixture.given(WORKSHOP, new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-2", "Exhibition",
                                                     SIX, SIX.plusSeconds(3600)))
               .when(new BookVenueCommand("venue-culture hall", "Culture Hall", "fe-1", "Writing workshop", FOUR, SIX))
               .expectEvents(new VenueBookingMovedEvent("venue-culture hall", "fe-1", FOUR, SIX));
        fixture.given(WORKSHOP, new VenueBookedEvent("venue-culture hall", "Culture Hall", "fe-2", "Exhibition",
                                                     SIX, SIX.plusSeconds(3600)))
               .when(new BookVenueCommand("venue-culture hall", "Culture Hall", "fe-1", "Writing workshop", FOUR,
                                          SIX.plusSeconds(1)))
               .expectNoEvents().expectException(violationOf(ErrorCode.VENUE_CLASH, "fe-2"));
    }
}
