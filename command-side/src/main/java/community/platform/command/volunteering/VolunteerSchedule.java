package community.platform.command.volunteering;

import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
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

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One volunteer's duties: the rule "no two duties at once" spans posts, so it lives in an aggregate of its own, which
 * a volunteer's sign-ups go through first. A slot is held for a seat and for a queue place alike, so that a promotion
 * from the queue can never create an overlap.
 */
@Aggregate
public class VolunteerSchedule {

    @AggregateIdentifier
    private String scheduleId;
    private Map<String, Slot> slots;

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ReserveDutySlotCommand command) {
        if (slots != null && slots.containsKey(command.postId())) {
            return false;
        }
        if (slots != null) {
            for (Map.Entry<String, Slot> held : slots.entrySet()) {
                if (held.getValue().overlaps(command.startsAt(), command.endsAt())) {
                    throw new RuleViolatedException(
                            ErrorCode.OVERLAPPING_SIGN_UP,
                            "This duty overlaps '" + held.getValue().title() + "' (" + held.getKey() + "), "
                                    + LocalTimes.span(held.getValue().startsAt(), held.getValue().endsAt())
                                    + ", which you are signed up for",
                            held.getKey());
                }
            }
        }
        apply(new DutySlotReservedEvent(command.scheduleId(), command.volunteer(), command.postId(), command.title(),
                                        command.startsAt(), command.endsAt()));
        return true;
    }

    @CommandHandler
    public void handle(ReleaseDutySlotCommand command) {
        if (slots.containsKey(command.postId())) {
            apply(new DutySlotReleasedEvent(scheduleId, command.postId()));
        }
    }

    @CommandHandler
    public void handle(MoveDutySlotCommand command) {
        Slot held = slots.get(command.postId());
        if (held != null && !(held.startsAt().equals(command.startsAt()) && held.endsAt().equals(command.endsAt()))) {
            apply(new DutySlotMovedEvent(scheduleId, command.postId(), command.startsAt(), command.endsAt()));
        }
    }

    @EventSourcingHandler
    void on(DutySlotReservedEvent event) {
        scheduleId = event.scheduleId();
        if (slots == null) {
            slots = new LinkedHashMap<>();
        }
        slots.put(event.postId(), new Slot(event.title(), event.startsAt(), event.endsAt()));
    }

    @EventSourcingHandler
    void on(DutySlotMovedEvent event) {
        slots.computeIfPresent(event.postId(), (post, slot) -> new Slot(slot.title(), event.startsAt(),
                                                                        event.endsAt()));
    }

    @EventSourcingHandler
    void on(DutySlotReleasedEvent event) {
        slots.remove(event.postId());
    }

    /** A held duty; two duties overlap when each starts before the other ends. */
    record Slot(String title, Instant startsAt, Instant endsAt) {
        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return startsAt.isBefore(otherEnd) && otherStart.isBefore(endsAt);
        }
    }

    VolunteerSchedule() {
        // required by Axon
    }
}
