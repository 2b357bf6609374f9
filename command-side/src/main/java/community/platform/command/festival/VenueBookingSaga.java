package community.platform.command.festival;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.RuleViolation;
import community.platform.shared.festival.BookVenueCommand;
import community.platform.shared.festival.ConfirmRescheduleCommand;
import community.platform.shared.festival.FestivalEventCancelledEvent;
import community.platform.shared.festival.FestivalEventRescheduleRequestedEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.RejectFestivalEventCommand;
import community.platform.shared.festival.RejectRescheduleCommand;
import community.platform.shared.festival.ReleaseVenueBookingCommand;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Instant;
import java.util.Optional;

import static community.platform.shared.festival.BookVenueCommand.venueIdOf;

/**
 * Keeps a festival event's venue booking in step with the event: "no two events in one venue at once" is the venue's
 * rule, so a new event's venue is booked (or the event turned down), an event moves only once its venue holds the new
 * time, and a cancelled event gives its venue back. One per festival event, from its scheduling to its cancellation.
 * <p>
 * Each step commits on its own ({@link OwnCommits}), and may run twice: a batch that failed, or a restart before its
 * token was stored, hands the event over again. So every command sent here changes nothing the second time: a booking
 * of what is held already, a release of what is free, an answer to a request already answered.
 * <p>
 * Public only because Axon creates sagas reflectively from its own package.
 */
@Saga
public class VenueBookingSaga {

    /** The metadata that marks an event whose venue this process is to book. */
    static final String BOOK = "bookVenue";
    static final MetaData TO_BOOK = MetaData.with(BOOK, "yes");

    /** Where the event holds its time, once it does; its times are the event's own. */
    private String venue;

    @Inject
    private transient OwnCommits commands;

    /**
     * Books the new event's venue, or turns the event down naming the event in the way. An event scheduled before
     * venues were booked here was booked by its sender first, and carries no {@link #TO_BOOK} mark: it is taken over
     * as it stands, with nothing sent, so a replay of the whole store books nothing again.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = "eventId")
    void on(FestivalEventScheduledEvent scheduled, @MetaDataValue(BOOK) String book) {
        if (book == null) {
            venue = scheduled.venue();
            return;
        }
        Optional<RuleViolation> refused = hold(scheduled.eventId(), scheduled.venue(), scheduled.title(),
                                               scheduled.startsAt(), scheduled.endsAt());
        if (refused.isEmpty()) {
            venue = scheduled.venue();
            return;
        }
        RuleViolation why = refused.get();
        send(new RejectFestivalEventCommand(scheduled.eventId(), why.code(), why.detail(), why.subject()));
        SagaLifecycle.end();
    }

    /**
     * Holds the new time (in the same venue the booking moves; in another, the new venue is booked first and the old
     * one released after the move), then moves the event; if the event refuses, the venue is put back as it was.
     */
    @SagaEventHandler(associationProperty = "eventId")
    void on(FestivalEventRescheduleRequestedEvent requested) {
        String eventId = requested.eventId();
        boolean sameVenue = venueIdOf(requested.venue()).equals(venueIdOf(requested.previousVenue()));
        Optional<RuleViolation> refused = hold(eventId, requested.venue(), requested.title(), requested.startsAt(),
                                               requested.endsAt());
        if (refused.isEmpty()) {
            refused = attempt(new ConfirmRescheduleCommand(eventId, requested.request()));
            if (refused.isEmpty()) {
                if (!sameVenue) {
                    send(new ReleaseVenueBookingCommand(venueIdOf(requested.previousVenue()),
                                                                              eventId));
                }
                venue = requested.venue();
                return;
            }
            if (sameVenue) {
                // Refused only if the old time was taken meanwhile; the event is then cancelled (the one refusal of a
                // move), and its cancellation releases the venue.
                hold(eventId, requested.previousVenue(), requested.title(), requested.previousStartsAt(),
                     requested.previousEndsAt());
            } else {
                send(new ReleaseVenueBookingCommand(venueIdOf(requested.venue()), eventId));
            }
        }
        RuleViolation why = refused.get();
        send(new RejectRescheduleCommand(eventId, requested.request(), why.code(), why.detail(),
                                                               why.subject()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "eventId")
    void on(FestivalEventCancelledEvent cancelled) {
        if (venue != null) {
            send(new ReleaseVenueBookingCommand(venueIdOf(venue), cancelled.eventId()));
        }
    }

    private Optional<RuleViolation> hold(String eventId, String venue, String title, Instant startsAt,
                                         Instant endsAt) {
        return attempt(new BookVenueCommand(venueIdOf(venue), venue, eventId, title, startsAt, endsAt));
    }

    private void send(Object command) {
        commands.send(command);
    }

    /** Empty when the command was carried out, the rule it broke when it was refused; any other failure is thrown. */
    private Optional<RuleViolation> attempt(Object command) {
        try {
            send(command);
            return Optional.empty();
        } catch (CommandExecutionException e) {
            return e.getDetails().filter(RuleViolation.class::isInstance).map(RuleViolation.class::cast)
                    .map(Optional::of).orElseThrow(() -> e);
        }
    }
}
