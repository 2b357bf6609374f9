package community.platform.command.volunteering;

import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.command.neighbourhoods.NeighbourhoodPolicy;
import community.platform.command.places.Places;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A volunteer post: its seats and its queue. Every sign-up for one post is decided here, one at a time, so N
 * simultaneous sign-ups on capacity C give exactly min(N, C) seats and queue positions 1..N-C.
 */
@Aggregate(snapshotTriggerDefinition = "volunteerPostSnapshots")
class VolunteerPost {

    static final int MAX_CAPACITY = 500;
    static final Duration ATTENDANCE_MARGIN = Duration.ofHours(2);

    @AggregateIdentifier
    private String postId;
    private String organizer;
    private String title;
    private Instant startsAt;
    private Instant endsAt;
    private Instant signupDeadline;
    private int capacity;
    private boolean cancelled;
    private Places places;
    private Map<String, Long> attendance;
    /** Who was checked in; set here too for snapshots taken before check-ins existed. */
    private Set<String> checkedIn = new HashSet<>();
    /** Each sign-up request decided: true for a place, false for a refusal. Empty in snapshots taken before. */
    private Map<String, Boolean> decided = new HashMap<>();

    @CommandHandler
    public VolunteerPost(PublishVolunteerPostCommand command, NeighbourhoodPolicy neighbourhoods) {
        neighbourhoods.requireAppointed(command.neighbourhoodId(), command.organizer());
        requireTimes(command.startsAt(), command.endsAt(), command.signupDeadline());
        if (command.capacity() < 1 || command.capacity() > MAX_CAPACITY) {
            throw new RuleViolatedException(ErrorCode.INVALID_CAPACITY,
                                            "Capacity is 1 to " + MAX_CAPACITY + ", not " + command.capacity());
        }
        apply(new VolunteerPostPublishedEvent(command.postId(), command.organizer(), command.title(),
                                              command.description(), command.team(), command.location(),
                                              command.startsAt(), command.endsAt(), command.capacity(),
                                              command.signupDeadline(), command.skills(),
                                              command.neighbourhoodId()));
    }

    /**
     * The post's own rules for a sign-up request (open, before its start and deadline, not held already); answers the
     * duty to hold in the volunteer's schedule, from this post's own events. Records nothing: the request is the hold.
     */
    Duty requestFor(String volunteer) {
        requireOpen();
        requireSignUpOpen();
        if (places.holds(volunteer)) {
            throw new RuleViolatedException(ErrorCode.ALREADY_SIGNED_UP,
                                            volunteer + " is already signed up for this post");
        }
        return new Duty(postId, title, startsAt, endsAt);
    }

    /** What a sign-up holds in the volunteer's schedule. */
    record Duty(String postId, String title, Instant startsAt, Instant endsAt) {
    }

    /**
     * Seat or queue for a request whose time is held, one at a time. The request was made while sign-up was open, so
     * the deadline is not asked again; a cancellation since, or a place won by another request of the same volunteer,
     * refuses it. A request decided before is answered as it was decided.
     */
    @CommandHandler
    public boolean handle(ConfirmSignUpCommand command) {
        Boolean before = decided.get(command.requestId());
        if (before != null) {
            return before;
        }
        if (cancelled) {
            apply(new SignUpRefusedEvent(postId, command.volunteer(), command.requestId(), new RuleViolation(
                    ErrorCode.POST_NOT_OPEN, "The post " + postId + " is cancelled", null)));
            return false;
        }
        if (places.holds(command.volunteer())) {
            apply(new SignUpRefusedEvent(postId, command.volunteer(), command.requestId(), new RuleViolation(
                    ErrorCode.ALREADY_SIGNED_UP, command.volunteer() + " is already signed up for this post", null)));
            return false;
        }
        Places.Placement placement = places.place(capacity);
        if (placement.seated()) {
            apply(new VolunteerSignedUpEvent(postId, command.volunteer(), null, capacity, placement.seatedBefore(),
                                             command.requestId()));
        } else {
            apply(new VolunteerWaitlistedEvent(postId, command.volunteer(), null, capacity, placement.seatedBefore(),
                                               placement.queuePosition(), command.requestId()));
        }
        return true;
    }

    /** Whether time a volunteer holds for this post still stands ({@link CheckPlaceCommand}). */
    @CommandHandler
    public boolean handle(CheckPlaceCommand command) {
        if (cancelled) {
            return false;
        }
        boolean undecided = command.requestId() != null && !decided.containsKey(command.requestId());
        return undecided || places.holds(command.volunteer());
    }

    /**
     * Records a refusal decided outside the post (an overlap); a request decided before stays as it was. Answers
     * whether the request stands refused: false when the post gave it a place.
     */
    @CommandHandler
    public boolean handle(RefuseSignUpCommand command) {
        Boolean before = decided.get(command.requestId());
        if (before != null) {
            return !before;
        }
        apply(new SignUpRefusedEvent(postId, command.volunteer(), command.requestId(), command.refusal()));
        return true;
    }

    /** Answers the post's version after the withdrawal (and promotion), so the caller can wait for the views. */
    @CommandHandler
    public long handle(WithdrawSignUpCommand command) {
        requireOpen();
        requireSignUpOpen();
        if (!places.holds(command.volunteer())) {
            throw new RuleViolatedException(ErrorCode.NOT_SIGNED_UP,
                                            command.volunteer() + " is not signed up for this post");
        }
        String movesUp = places.movesUpWhenLeaving(command.volunteer());
        apply(new SignUpWithdrawnEvent(postId, command.volunteer(), places.isSeated(command.volunteer())));
        if (movesUp != null) {
            apply(new VolunteerPromotedEvent(postId, movesUp, capacity, places.seatedCount(), 1));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public void handle(RescheduleVolunteerPostCommand command) {
        requireOrganizer(command.organizer());
        requireOpen();
        requireTimes(command.startsAt(), command.endsAt(), signupDeadline);
        apply(new VolunteerPostRescheduledEvent(postId, startsAt, endsAt, command.startsAt(), command.endsAt(),
                                                command.reason()));
    }

    @CommandHandler
    public void handle(CancelVolunteerPostCommand command) {
        requireOrganizer(command.organizer());
        requireOpen();
        apply(new VolunteerPostCancelledEvent(postId, command.reason()));
    }

    @CommandHandler
    public long handle(RecordAttendanceCommand command) {
        requireOrganizer(command.organizer());
        requireOpen();
        if (!places.isSeated(command.volunteer())) {
            throw new RuleViolatedException(ErrorCode.NOT_ON_ROSTER,
                                            command.volunteer() + " does not hold a seat on this post");
        }
        Instant in = command.checkedInAt();
        Instant out = command.checkedOutAt();
        if (!out.isAfter(in)) {
            throw new RuleViolatedException(ErrorCode.INVALID_ATTENDANCE, "Check-out must be after check-in");
        }
        if (in.isBefore(startsAt.minus(ATTENDANCE_MARGIN)) || out.isAfter(endsAt.plus(ATTENDANCE_MARGIN))) {
            throw new RuleViolatedException(ErrorCode.INVALID_ATTENDANCE,
                                            "Check-in and check-out must fall within the shift, give or take "
                                                    + ATTENDANCE_MARGIN.toHours() + " hours");
        }
        if (out.isAfter(now())) {
            throw new RuleViolatedException(ErrorCode.INVALID_ATTENDANCE, "Attendance cannot be in the future");
        }
        long minutes = Duration.between(in, out).toMinutes();
        Long replaced = attendance.get(command.volunteer());
        apply(new AttendanceRecordedEvent(postId, command.volunteer(), in, out, minutes, replaced != null, replaced,
                                          replaced == null ? null : command.reason()));
        return minutes;
    }

    /**
     * Marks a confirmed volunteer as arrived, now (to the second), from two hours before the shift to two hours after it. A second
     * check-in changes nothing. Answers the post's version, so the caller can wait for the roster.
     */
    @CommandHandler
    public long handle(CheckInVolunteerCommand command) {
        requireOrganizer(command.organizer());
        requireOpen();
        if (!places.isSeated(command.volunteer())) {
            throw new RuleViolatedException(ErrorCode.NOT_ON_ROSTER,
                                            command.volunteer() + " does not hold a seat on this post");
        }
        Instant now = now().truncatedTo(ChronoUnit.SECONDS);
        if (now.isBefore(startsAt.minus(ATTENDANCE_MARGIN)) || now.isAfter(endsAt.plus(ATTENDANCE_MARGIN))) {
            throw new RuleViolatedException(ErrorCode.INVALID_ATTENDANCE,
                                            "Check-in is open from " + ATTENDANCE_MARGIN.toHours()
                                                    + " hours before the shift until " + ATTENDANCE_MARGIN.toHours()
                                                    + " hours after it");
        }
        if (!checkedIn.contains(command.volunteer())) {
            apply(new VolunteerCheckedInEvent(postId, command.volunteer(), now));
        }
        return AggregateLifecycle.getVersion();
    }

    private void requireOpen() {
        if (cancelled) {
            throw new RuleViolatedException(ErrorCode.POST_NOT_OPEN, "The post " + postId + " is cancelled");
        }
    }

    private void requireSignUpOpen() {
        Instant now = now();
        if (!now.isBefore(startsAt)) {
            throw new RuleViolatedException(ErrorCode.SIGN_UP_CLOSED, "The post started at " + LocalTimes.at(startsAt));
        }
        if (signupDeadline != null && !now.isBefore(signupDeadline)) {
            throw new RuleViolatedException(ErrorCode.SIGN_UP_CLOSED, "Sign-up closed at " + LocalTimes.at(signupDeadline));
        }
    }

    private void requireOrganizer(String caller) {
        if (!organizer.equals(caller)) {
            throw new RuleViolatedException(ErrorCode.NOT_THE_ORGANIZER,
                                            "Only " + organizer + ", who published this post, may change it");
        }
    }

    private static void requireTimes(Instant startsAt, Instant endsAt, Instant signupDeadline) {
        if (!endsAt.isAfter(startsAt)) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE, "The post must end after it starts");
        }
        if (!startsAt.isAfter(now())) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE, "The post must start in the future");
        }
        if (signupDeadline != null && !signupDeadline.isBefore(startsAt)) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE,
                                            "The sign-up deadline must be before the start");
        }
    }

    /** Axon's event clock: the fixture's clock in tests. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(VolunteerPostPublishedEvent event) {
        postId = event.postId();
        organizer = event.organizer();
        title = event.title();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        signupDeadline = event.signupDeadline();
        capacity = event.capacity();
        places = new Places();
        attendance = new HashMap<>();
    }

    @EventSourcingHandler
    void on(VolunteerCheckedInEvent event) {
        checkedIn.add(event.volunteer());
    }

    @EventSourcingHandler
    void on(AttendanceRecordedEvent event) {
        attendance.put(event.volunteer(), event.minutes());
    }

    @EventSourcingHandler
    void on(VolunteerSignedUpEvent event) {
        places.seat(event.volunteer());
        decide(event.requestId(), true);
    }

    @EventSourcingHandler
    void on(VolunteerWaitlistedEvent event) {
        places.enqueue(event.volunteer());
        decide(event.requestId(), true);
    }

    @EventSourcingHandler
    void on(SignUpRefusedEvent event) {
        decide(event.requestId(), false);
    }

    private void decide(String requestId, boolean placed) {
        if (requestId != null) {
            decided.put(requestId, placed);
        }
    }

    @EventSourcingHandler
    void on(SignUpWithdrawnEvent event) {
        places.remove(event.volunteer());
    }

    @EventSourcingHandler
    void on(VolunteerPromotedEvent event) {
        places.seat(event.volunteer());
    }

    @EventSourcingHandler
    void on(VolunteerPostRescheduledEvent event) {
        startsAt = event.startsAt();
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(VolunteerPostCancelledEvent event) {
        cancelled = true;
    }

    VolunteerPost() {
        // required by Axon
    }
}
