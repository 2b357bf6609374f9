package community.platform.command.festival;

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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A venue's calendar. "One event per venue at a time" spans events, so the venue owns its bookings: two organizers
 * booking one slot at once are two commands on this aggregate, and only one can win.
 */
@Aggregate
public class Venue {

    @AggregateIdentifier
    private String venueId;
    private Map<String, Booking> bookings;

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(BookVenueCommand command) {
        requireFree(command.eventId(), command.startsAt(), command.endsAt());
        apply(new VenueBookedEvent(command.venueId(), command.venue(), command.eventId(), command.title(),
                                   command.startsAt(), command.endsAt()));
    }

    @CommandHandler
    public void handle(MoveVenueBookingCommand command) {
        requireFree(command.eventId(), command.startsAt(), command.endsAt());
        apply(new VenueBookingMovedEvent(venueId, command.eventId(), command.startsAt(), command.endsAt()));
    }

    @CommandHandler
    public void handle(ReleaseVenueBookingCommand command) {
        if (bookings.containsKey(command.eventId())) {
            apply(new VenueBookingReleasedEvent(venueId, command.eventId()));
        }
    }

    private void requireFree(String eventId, Instant startsAt, Instant endsAt) {
        if (bookings == null) {
            return;
        }
        bookings.forEach((other, booking) -> {
            if (!other.equals(eventId) && booking.overlaps(startsAt, endsAt)) {
                throw new RuleViolatedException(ErrorCode.VENUE_CLASH,
                                                "The venue is booked for '" + booking.title() + "' (" + other + "), "
                                                        + LocalTimes.span(booking.startsAt(), booking.endsAt()),
                                                other);
            }
        });
    }

    @EventSourcingHandler
    void on(VenueBookedEvent event) {
        venueId = event.venueId();
        if (bookings == null) {
            bookings = new LinkedHashMap<>();
        }
        bookings.put(event.eventId(), new Booking(event.title(), event.startsAt(), event.endsAt()));
    }

    @EventSourcingHandler
    void on(VenueBookingMovedEvent event) {
        bookings.computeIfPresent(event.eventId(), (id, booking) -> new Booking(booking.title(), event.startsAt(),
                                                                                event.endsAt()));
    }

    @EventSourcingHandler
    void on(VenueBookingReleasedEvent event) {
        bookings.remove(event.eventId());
    }

    record Booking(String title, Instant startsAt, Instant endsAt) {
        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return startsAt.isBefore(otherEnd) && otherStart.isBefore(endsAt);
        }
    }

    Venue() {
        // required by Axon
    }
}
