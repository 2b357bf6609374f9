package community.platform.command.festival;

import community.platform.command.calendar.Calendar;
import community.platform.command.calendar.OverlapPolicy;
import community.platform.command.calendar.TimeSlot;
import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.festival.BookVenueCommand;
import community.platform.shared.festival.MoveVenueBookingCommand;
import community.platform.shared.festival.ReleaseVenueBookingCommand;
import community.platform.shared.festival.VenueBookedEvent;
import community.platform.shared.festival.VenueBookingMovedEvent;
import community.platform.shared.festival.VenueBookingReleasedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A venue's calendar. "One event per venue at a time" spans events, so the venue owns its bookings: two organizers
 * booking one slot at once are two commands on this aggregate, and only one can win.
 */
@Aggregate
class Venue {

    @AggregateIdentifier
    private String venueId;
    private Calendar calendar = Calendar.empty();

    /** Holds the time for the event; a second booking of the same time is no change, another time is a move. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(BookVenueCommand command) {
        List<TimeSlot> wanted = List.of(new TimeSlot(command.startsAt(), command.endsAt()));
        if (calendar.holds(command.eventId(), wanted)) {
            return;
        }
        requireFree(command.eventId(), wanted);
        if (calendar.heldBy(command.eventId()).isPresent()) {
            apply(new VenueBookingMovedEvent(command.venueId(), command.eventId(), command.startsAt(),
                                             command.endsAt()));
        } else {
            apply(new VenueBookedEvent(command.venueId(), command.venue(), command.eventId(), command.title(),
                                       command.startsAt(), command.endsAt()));
        }
    }

    @CommandHandler
    public void handle(MoveVenueBookingCommand command) {
        List<TimeSlot> wanted = List.of(new TimeSlot(command.startsAt(), command.endsAt()));
        if (calendar.holds(command.eventId(), wanted)) {
            return;
        }
        requireFree(command.eventId(), wanted);
        apply(new VenueBookingMovedEvent(venueId, command.eventId(), command.startsAt(), command.endsAt()));
    }

    @CommandHandler
    public void handle(ReleaseVenueBookingCommand command) {
        if (calendar.heldBy(command.eventId()).isPresent()) {
            apply(new VenueBookingReleasedEvent(venueId, command.eventId()));
        }
    }

    /** One event at a time in a venue. */
    private void requireFree(String eventId, List<TimeSlot> wanted) {
        calendar.clashFor(eventId, wanted, OverlapPolicy.oneAtATime).ifPresent(clash -> {
            throw new RuleViolatedException(ErrorCode.VENUE_CLASH,
                                            "The venue is booked for '" + clash.title() + "' (" + clash.holder()
                                                    + "), " + LocalTimes.span(clash.held().startsAt(),
                                                                              clash.held().endsAt()),
                                            clash.holder());
        });
    }

    @EventSourcingHandler
    void on(VenueBookedEvent event) {
        venueId = event.venueId();
        calendar = calendar.hold(event.eventId(), event.title(),
                                 List.of(new TimeSlot(event.startsAt(), event.endsAt())));
    }

    @EventSourcingHandler
    void on(VenueBookingMovedEvent event) {
        calendar = calendar.move(event.eventId(), List.of(new TimeSlot(event.startsAt(), event.endsAt())));
    }

    @EventSourcingHandler
    void on(VenueBookingReleasedEvent event) {
        calendar = calendar.release(event.eventId());
    }

    Venue() {
        // required by Axon
    }
}
