package community.platform.command.festival;

import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.command.neighbourhoods.NeighbourhoodPolicy;
import community.platform.command.places.Places;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Spring Festival event: its registrations (seats and queue, as for volunteer posts) and, for a competition, its
 * couplet entries and judges' scores. The venue booking lives in the {@link Venue} aggregate, kept in step by
 * {@link VenueBookingSaga}: a new event's venue is booked after it is scheduled (an event whose venue is taken is
 * turned down and never opens), and a move is requested, then made once the venue holds the new times.
 */
@Aggregate
class FestivalEvent {

    static final int MAX_CAPACITY = 2000;

    @AggregateIdentifier
    private String eventId;
    private boolean rejected;
    private String organizer;
    private String title;
    private EventKind kind;
    private String venue;
    private Instant startsAt;
    private Instant endsAt;
    private int capacity;
    private boolean cancelled;
    private Places places;
    private Map<String, String> entryByAuthor;
    private Map<String, Map<String, Integer>> scoresByEntry;
    private int rescheduleRequests;
    private Map<Integer, FestivalEventRescheduleRequestedEvent> pendingMoves;

    @CommandHandler
    public FestivalEvent(ScheduleFestivalEventCommand command, NeighbourhoodPolicy neighbourhoods) {
        neighbourhoods.requireAppointed(command.neighbourhoodId(), command.organizer());
        requireTimes(command.startsAt(), command.endsAt());
        if (command.capacity() < 1 || command.capacity() > MAX_CAPACITY) {
            throw new RuleViolatedException(ErrorCode.INVALID_CAPACITY,
                                            "Capacity is 1 to " + MAX_CAPACITY + ", not " + command.capacity());
        }
        apply(new FestivalEventScheduledEvent(command.eventId(), command.organizer(), command.title(), command.kind(),
                                              command.venue(), command.startsAt(), command.endsAt(),
                                              command.capacity(), command.description(), command.neighbourhoodId()),
              VenueBookingSaga.TO_BOOK);
    }

    /** Its venue is taken. Changes nothing for an event turned down or cancelled already (a retried step). */
    @CommandHandler
    public void handle(RejectFestivalEventCommand command) {
        if (!rejected && !cancelled) {
            apply(new FestivalEventRejectedEvent(eventId, command.code(), command.detail(), command.subject()));
        }
    }

    /** Answers the request's number; the move is made when the venue holds the new times. */
    @CommandHandler
    public int handle(RescheduleFestivalEventCommand command) {
        requireOrganizer(command.organizer());
        requireOpen();
        requireTimes(command.startsAt(), command.endsAt());
        String to = command.venue() == null || command.venue().isBlank() ? venue : command.venue().strip();
        int request = rescheduleRequests + 1;
        apply(new FestivalEventRescheduleRequestedEvent(eventId, request, title, venue, startsAt, endsAt, to,
                                                        command.startsAt(), command.endsAt(), command.reason()));
        return request;
    }

    /** The venue holds the new times; refused when the event was cancelled meanwhile, so the venue is given back. */
    @CommandHandler
    public void handle(ConfirmRescheduleCommand command) {
        FestivalEventRescheduleRequestedEvent move = pendingMoves.get(command.request());
        if (move == null) {
            return;
        }
        if (cancelled) {
            throw new RuleViolatedException(ErrorCode.EVENT_NOT_OPEN, "The event " + eventId + " is cancelled");
        }
        apply(new FestivalEventRescheduledEvent(eventId, venue, startsAt, endsAt, move.venue(), move.startsAt(),
                                                move.endsAt(), move.reason()));
    }

    @CommandHandler
    public void handle(RejectRescheduleCommand command) {
        if (pendingMoves.containsKey(command.request())) {
            apply(new FestivalEventRescheduleRejectedEvent(eventId, command.request(), command.code(),
                                                           command.detail(), command.subject()));
        }
    }

    @CommandHandler
    public void handle(CancelFestivalEventCommand command) {
        requireOrganizer(command.organizer());
        requireOpen();
        apply(new FestivalEventCancelledEvent(eventId, command.reason()));
    }

    @CommandHandler
    public RegistrationOutcome handle(RegisterForEventCommand command) {
        requireOpen();
        if (places.holds(command.resident())) {
            throw new RuleViolatedException(ErrorCode.ALREADY_REGISTERED,
                                            command.resident() + " is already registered for this event");
        }
        Places.Placement placement = places.place(capacity);
        if (!placement.seated()) {
            apply(new ResidentWaitlistedEvent(eventId, command.resident(), command.displayName(), capacity,
                                              placement.seatedBefore(), placement.queuePosition()));
            return new RegistrationOutcome(RegistrationOutcome.Status.WAITLISTED, placement.queuePosition(),
                                           AggregateLifecycle.getVersion());
        }
        apply(new ResidentRegisteredEvent(eventId, command.resident(), command.displayName(), capacity,
                                          placement.seatedBefore()));
        return new RegistrationOutcome(RegistrationOutcome.Status.REGISTERED, null, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    public long handle(WithdrawRegistrationCommand command) {
        requireOpen();
        if (!places.holds(command.resident())) {
            throw new RuleViolatedException(ErrorCode.NOT_REGISTERED,
                                            command.resident() + " is not registered for this event");
        }
        String movesUp = places.movesUpWhenLeaving(command.resident());
        apply(new RegistrationWithdrawnEvent(eventId, command.resident(), places.isSeated(command.resident())));
        if (movesUp != null) {
            apply(new RegistrantPromotedEvent(eventId, movesUp, capacity, places.seatedCount(), 1));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Answers the event's version after the entry, so the caller can wait for the views. */
    @CommandHandler
    public long handle(SubmitCoupletEntryCommand command) {
        if (kind != EventKind.COMPETITION) {
            throw new RuleViolatedException(ErrorCode.NOT_A_COMPETITION, "Only a competition takes couplet entries");
        }
        requireOpen();
        if (!places.isSeated(command.author())) {
            throw new RuleViolatedException(ErrorCode.NOT_REGISTERED,
                                            "Only residents registered for the competition may enter");
        }
        if (entryByAuthor.containsKey(command.author())) {
            throw new RuleViolatedException(ErrorCode.ALREADY_SUBMITTED,
                                            command.author() + " has entered a couplet already");
        }
        Couplet.check(command.upperLine(), command.lowerLine(), command.horizontalScroll());
        apply(new CoupletEntrySubmittedEvent(eventId, command.entryId(), command.author(), command.upperLine(),
                                             command.lowerLine(), command.horizontalScroll(),
                                             entryByAuthor.size() + 1));
        return AggregateLifecycle.getVersion();
    }

    /** Answers the event's version after the score. */
    @CommandHandler
    public long handle(ScoreEntryCommand command) {
        requireOrganizer(command.organizer());
        if (cancelled) {
            throw new RuleViolatedException(ErrorCode.EVENT_NOT_OPEN, "The event " + eventId + " is cancelled");
        }
        Map<String, Integer> scores = scoresByEntry.get(command.entryId());
        if (scores == null) {
            throw new RuleViolatedException(ErrorCode.ENTRY_NOT_FOUND, "There is no entry " + command.entryId());
        }
        if (command.score() < 0 || command.score() > 100) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCORE, "A score is 0 to 100, not " + command.score());
        }
        Integer replaced = scores.get(command.judge());
        apply(new EntryScoredEvent(eventId, command.entryId(), command.judge(), command.score(), replaced,
                                   replaced == null ? null : command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** Open for registration and entries: not turned down, not cancelled and not over. */
    private void requireOpen() {
        if (rejected) {
            throw new RuleViolatedException(ErrorCode.EVENT_NOT_OPEN,
                                            "The event " + eventId + " was turned down: its venue was taken");
        }
        if (cancelled) {
            throw new RuleViolatedException(ErrorCode.EVENT_NOT_OPEN, "The event " + eventId + " is cancelled");
        }
        if (!now().isBefore(endsAt)) {
            throw new RuleViolatedException(ErrorCode.EVENT_NOT_OPEN, "The event ended at " + LocalTimes.at(endsAt));
        }
    }

    private void requireOrganizer(String caller) {
        if (!organizer.equals(caller)) {
            throw new RuleViolatedException(ErrorCode.NOT_THE_ORGANIZER,
                                            "Only " + organizer + ", who scheduled this event, may change it");
        }
    }

    private static void requireTimes(Instant startsAt, Instant endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE, "The event must end after it starts");
        }
        if (!startsAt.isAfter(now())) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE, "The event must start in the future");
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(FestivalEventScheduledEvent event) {
        eventId = event.eventId();
        organizer = event.organizer();
        title = event.title();
        kind = event.kind();
        venue = event.venue();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        capacity = event.capacity();
        places = new Places();
        entryByAuthor = new HashMap<>();
        scoresByEntry = new HashMap<>();
        pendingMoves = new HashMap<>();
    }

    @EventSourcingHandler
    void on(FestivalEventRejectedEvent event) {
        rejected = true;
    }

    @EventSourcingHandler
    void on(FestivalEventRescheduleRequestedEvent event) {
        rescheduleRequests = event.request();
        pendingMoves.put(event.request(), event);
    }

    /** Requests are answered in turn, so the oldest one pending is the one answered (none for older records). */
    @EventSourcingHandler
    void on(FestivalEventRescheduledEvent event) {
        pendingMoves.keySet().stream().min(Integer::compare).ifPresent(pendingMoves::remove);
        venue = event.venue();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(FestivalEventRescheduleRejectedEvent event) {
        pendingMoves.remove(event.request());
    }

    @EventSourcingHandler
    void on(FestivalEventCancelledEvent event) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(ResidentRegisteredEvent event) {
        places.seat(event.resident());
    }

    @EventSourcingHandler
    void on(ResidentWaitlistedEvent event) {
        places.enqueue(event.resident());
    }

    @EventSourcingHandler
    void on(RegistrationWithdrawnEvent event) {
        places.remove(event.resident());
    }

    @EventSourcingHandler
    void on(RegistrantPromotedEvent event) {
        places.seat(event.resident());
    }

    @EventSourcingHandler
    void on(CoupletEntrySubmittedEvent event) {
        entryByAuthor.put(event.author(), event.entryId());
        scoresByEntry.put(event.entryId(), new HashMap<>());
    }

    @EventSourcingHandler
    void on(EntryScoredEvent event) {
        scoresByEntry.get(event.entryId()).put(event.judge(), event.score());
    }

    FestivalEvent() {
        // required by Axon
    }
}
