package community.platform.api.festival;

import community.platform.api.web.ApiExceptionHandler;
import community.platform.api.web.Commands;
import community.platform.shared.festival.BookVenueCommand;
import community.platform.shared.festival.MoveVenueBookingCommand;
import community.platform.shared.festival.ReleaseVenueBookingCommand;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Instant;
import java.util.function.Supplier;

import static community.platform.shared.festival.BookVenueCommand.venueIdOf;

/**
 * Venue bookings around an event's own commands: the venue is booked (or the booking moved) first, so the clash rule
 * is decided by the venue's aggregate; if the event then refuses, the venue is given back as it was.
 */
@Component
class Venues {

    private static final Logger log = LoggerFactory.getLogger(Venues.class);

    private final Commands commands;

    Venues(Commands commands) {
        this.commands = commands;
    }

    <R> Mono<R> book(String venue, String eventId, String title, Instant startsAt, Instant endsAt,
                     ServerWebExchange exchange, Supplier<Mono<R>> then) {
        return commands.send(new BookVenueCommand(venueIdOf(venue), venue.strip(), eventId, title, startsAt, endsAt),
                             exchange)
                       // the first two bookings of a new venue both create its calendar; the loser tries again
                       .retryWhen(Retry.max(2).filter(failure -> ApiExceptionHandler.causedBy(
                               failure, AggregateStreamCreationException.class)))
                       .then(Mono.defer(then)
                                 .onErrorResume(refused -> release(venue, eventId, exchange).then(Mono.error(refused))));
    }

    /** Moves the booking (within a venue, or to another), then the event; on refusal the booking goes back. */
    <R> Mono<R> move(String fromVenue, Instant fromStart, Instant fromEnd, String toVenue, String eventId, String title,
                     Instant startsAt, Instant endsAt, ServerWebExchange exchange, Supplier<Mono<R>> then) {
        if (venueIdOf(fromVenue).equals(venueIdOf(toVenue))) {
            String venueId = venueIdOf(fromVenue);
            return commands.send(new MoveVenueBookingCommand(venueId, eventId, startsAt, endsAt), exchange)
                           .then(Mono.defer(then).onErrorResume(refused -> commands.send(
                                   new MoveVenueBookingCommand(venueId, eventId, fromStart, fromEnd), exchange)
                                                                                      .then(Mono.error(refused))));
        }
        return book(toVenue, eventId, title, startsAt, endsAt, exchange, then)
                .flatMap(result -> release(fromVenue, eventId, exchange).thenReturn(result));
    }

    Mono<Void> release(String venue, String eventId, ServerWebExchange exchange) {
        return commands.send(new ReleaseVenueBookingCommand(venueIdOf(venue), eventId), exchange).then()
                       .onErrorResume(failure -> {
                           log.error("Could not release {} for {}: the calendar shows it booked until released",
                                     venue, eventId, failure);
                           return Mono.empty();
                       });
    }
}
