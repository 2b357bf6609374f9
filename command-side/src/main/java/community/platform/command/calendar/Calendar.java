package community.platform.command.calendar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spans of time held in one place (a venue, a volunteer's duties, a child's courses), by holder: an event, a post,
 * a course with its sessions. A value: holding and releasing answer a new calendar. A holder's own spans never clash
 * with what it wants, so a holder moving its time is checked against the others only.
 */
public final class Calendar {

    private static final Calendar EMPTY = new Calendar(Map.of());

    private final Map<String, Held> held;

    private Calendar(Map<String, Held> held) {
        this.held = held;
    }

    public static Calendar empty() {
        return EMPTY;
    }

    /** What one holder keeps: its title, for naming it in a clash, and its spans. */
    public record Held(String title, List<TimeSlot> slots) {
    }

    /** A span held by another holder that stops the one wanted. */
    public record Clash(String holder, String title, TimeSlot held) {
    }

    /** The first span another holder keeps that, by {@code policy}, clashes with one of {@code wanted}. */
    public Optional<Clash> clashFor(String holder, List<TimeSlot> wanted, OverlapPolicy policy) {
        for (Map.Entry<String, Held> other : held.entrySet()) {
            if (other.getKey().equals(holder)) {
                continue;
            }
            for (TimeSlot slot : other.getValue().slots()) {
                for (TimeSlot want : wanted) {
                    if (policy.clashes(slot, want)) {
                        return Optional.of(new Clash(other.getKey(), other.getValue().title(), slot));
                    }
                }
            }
        }
        return Optional.empty();
    }

    public Optional<Held> heldBy(String holder) {
        return Optional.ofNullable(held.get(holder));
    }

    /** Whether the holder keeps exactly these spans already. */
    public boolean holds(String holder, List<TimeSlot> slots) {
        return heldBy(holder).map(h -> h.slots().equals(slots)).orElse(false);
    }

    /** The calendar with the holder keeping {@code slots} (in place of any it kept before). */
    public Calendar hold(String holder, String title, List<TimeSlot> slots) {
        Map<String, Held> next = new LinkedHashMap<>(held);
        next.put(holder, new Held(title, List.copyOf(slots)));
        return new Calendar(Collections.unmodifiableMap(next));
    }

    /** The calendar with the holder's spans moved to {@code slots}, its title kept; unchanged for an unknown holder. */
    public Calendar move(String holder, List<TimeSlot> slots) {
        return heldBy(holder).map(h -> hold(holder, h.title(), slots)).orElse(this);
    }

    public Calendar release(String holder) {
        if (!held.containsKey(holder)) {
            return this;
        }
        Map<String, Held> next = new LinkedHashMap<>(held);
        next.remove(holder);
        return new Calendar(Collections.unmodifiableMap(next));
    }
}
