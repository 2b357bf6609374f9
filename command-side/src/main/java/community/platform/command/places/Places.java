package community.platform.command.places;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Seats and a first-come-first-served queue, as volunteer posts and festival events keep them. The aggregates decide
 * and record; this only holds the state their event-sourcing handlers build.
 */
public class Places {

    private Set<String> seated = new LinkedHashSet<>();
    private List<String> queue = new ArrayList<>();

    /** Where a newcomer goes, with the inputs of that decision: a seat while any is left, else the end of the queue. */
    public record Placement(boolean seated, int seatedBefore, Integer queuePosition) {
    }

    public Placement place(int capacity) {
        return isFull(capacity) ? new Placement(false, seatedCount(), nextQueuePosition())
                                : new Placement(true, seatedCount(), null);
    }

    /** Who moves up when this person leaves: the first in the queue, if the person held a seat. */
    public String movesUpWhenLeaving(String person) {
        return isSeated(person) ? firstInQueue() : null;
    }

    public boolean holds(String person) {
        return seated.contains(person) || queue.contains(person);
    }

    public boolean isSeated(String person) {
        return seated.contains(person);
    }

    private boolean isFull(int capacity) {
        return seated.size() >= capacity;
    }

    public int seatedCount() {
        return seated.size();
    }

    /** The position the next person in the queue would get. */
    private int nextQueuePosition() {
        return queue.size() + 1;
    }

    /** The first in the queue, or null. */
    private String firstInQueue() {
        return queue.isEmpty() ? null : queue.get(0);
    }

    public void seat(String person) {
        queue.remove(person);
        seated.add(person);
    }

    public void enqueue(String person) {
        queue.add(person);
    }

    public void remove(String person) {
        seated.remove(person);
        queue.remove(person);
    }
}
