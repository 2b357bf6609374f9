package community.platform.command.volunteering;

import community.platform.command.calendar.OverlapPolicy;
import community.platform.command.calendar.TimeSlot;
import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.volunteering.CheckDutySlotCommand;
import community.platform.shared.volunteering.DutyClash;
import community.platform.shared.volunteering.DutySlotMovedEvent;
import community.platform.shared.volunteering.DutySlotReleasedEvent;
import community.platform.shared.volunteering.DutySlotReservedEvent;
import community.platform.shared.volunteering.MoveDutySlotCommand;
import community.platform.shared.volunteering.ReleaseDutySlotCommand;
import community.platform.shared.volunteering.ReserveDutySlotCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One volunteer's duties: the rule "no two duties at once" spans posts, so it lives in an aggregate of its own. A slot
 * is held for a seat and for a queue place alike, so that a promotion from the queue can never create an overlap.
 * <p>
 * A sign-up request is held here first ({@link #request}). One that overlaps nothing held is clear at once; one that
 * does is checked again by the duties process ({@link CheckDutySlotCommand}) in the order of the log, so a slot
 * another post gave back before the request was made (its release still on its way) is gone by the time the request
 * is checked. Slots are kept in the order they were held: a request is checked
 * against the slots held before it, which the process has decided already.
 */
@Aggregate
class VolunteerSchedule {

    @AggregateIdentifier
    private String scheduleId;
    private Map<String, Slot> slots = new LinkedHashMap<>();

    /**
     * Holds the time for a sign-up request; a newer request for the same post takes the older one's place. A request
     * that overlaps nothing held now is clear, and is not checked again.
     */
    void request(String scheduleId, String volunteer, VolunteerPost.Duty duty, String requestId) {
        boolean clear = firstOverlap(slots, duty.postId(), duty.startsAt(), duty.endsAt()) == null;
        apply(new DutySlotReservedEvent(scheduleId, volunteer, duty.postId(), duty.title(), duty.startsAt(),
                                        duty.endsAt(), requestId, clear));
    }

    /** A hold decided at once: answers false when the post's slot is held already. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ReserveDutySlotCommand command) {
        if (slots.containsKey(command.postId())) {
            return false;
        }
        Map.Entry<String, Slot> clash = firstOverlap(slots, command.postId(), command.startsAt(), command.endsAt());
        if (clash != null) {
            throw new RuleViolatedException(ErrorCode.OVERLAPPING_SIGN_UP, overlap(clash), clash.getKey());
        }
        apply(new DutySlotReservedEvent(command.scheduleId(), command.volunteer(), command.postId(), command.title(),
                                        command.startsAt(), command.endsAt()));
        return true;
    }

    /**
     * Null when the requested slot may stay (moved first to the post's current times, if they changed since the
     * request); otherwise why not: it overlaps a duty held before it (named, with the request that holds it), or a
     * newer request replaced it.
     */
    @CommandHandler
    public DutyClash handle(CheckDutySlotCommand command) {
        Slot slot = slots.get(command.postId());
        if (slot == null || !command.requestId().equals(slot.requestId())) {
            return new DutyClash(new RuleViolation(ErrorCode.ALREADY_SIGNED_UP,
                                                   "A newer sign-up for this post replaced this one", null),
                                 null, null);
        }
        Map<String, Slot> before = new LinkedHashMap<>();
        for (Map.Entry<String, Slot> held : slots.entrySet()) {
            if (held.getKey().equals(command.postId())) {
                break;
            }
            before.put(held.getKey(), held.getValue());
        }
        Map.Entry<String, Slot> clash = firstOverlap(before, command.postId(), command.startsAt(), command.endsAt());
        if (clash != null) {
            return new DutyClash(new RuleViolation(ErrorCode.OVERLAPPING_SIGN_UP, overlap(clash), clash.getKey()),
                                 clash.getKey(), clash.getValue().requestId());
        }
        if (!slot.at(command.startsAt(), command.endsAt())) {
            apply(new DutySlotMovedEvent(scheduleId, command.postId(), command.startsAt(), command.endsAt()));
        }
        return null;
    }

    /** Nothing to give back, or a slot that a newer request holds now, changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReleaseDutySlotCommand command) {
        Slot held = slots.get(command.postId());
        if (held != null && (command.requestId() == null || command.requestId().equals(held.requestId()))) {
            apply(new DutySlotReleasedEvent(scheduleId, command.postId()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MoveDutySlotCommand command) {
        Slot held = slots.get(command.postId());
        if (held != null && !held.at(command.startsAt(), command.endsAt())) {
            apply(new DutySlotMovedEvent(scheduleId, command.postId(), command.startsAt(), command.endsAt()));
        }
    }

    private static Map.Entry<String, Slot> firstOverlap(Map<String, Slot> held, String postId, Instant startsAt,
                                                        Instant endsAt) {
        return held.entrySet().stream()
                   .filter(entry -> !entry.getKey().equals(postId) && entry.getValue().overlaps(startsAt, endsAt))
                   .findFirst().orElse(null);
    }

    private static String overlap(Map.Entry<String, Slot> clash) {
        Slot slot = clash.getValue();
        return "This duty overlaps '" + slot.title() + "' (" + clash.getKey() + "), "
                + LocalTimes.span(slot.startsAt(), slot.endsAt()) + ", which you are signed up for";
    }

    @EventSourcingHandler
    void on(DutySlotReservedEvent event) {
        scheduleId = event.scheduleId();
        // a newer request goes to the end: it is checked after every slot held before it
        slots.remove(event.postId());
        slots.put(event.postId(), new Slot(event.title(), event.startsAt(), event.endsAt(), event.requestId()));
    }

    @EventSourcingHandler
    void on(DutySlotMovedEvent event) {
        slots.computeIfPresent(event.postId(), (post, slot) -> new Slot(slot.title(), event.startsAt(),
                                                                        event.endsAt(), slot.requestId()));
    }

    @EventSourcingHandler
    void on(DutySlotReleasedEvent event) {
        slots.remove(event.postId());
    }

    /** A held duty; a volunteer does one duty at a time ({@link OverlapPolicy#oneAtATime}). */
    record Slot(String title, Instant startsAt, Instant endsAt, String requestId) {
        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return OverlapPolicy.oneAtATime.clashes(new TimeSlot(startsAt, endsAt), new TimeSlot(otherStart, otherEnd));
        }

        boolean at(Instant otherStart, Instant otherEnd) {
            return Objects.equals(startsAt, otherStart) && Objects.equals(endsAt, otherEnd);
        }
    }

    VolunteerSchedule() {
        // required by Axon
    }
}
