package community.platform.command.calendar;

/**
 * When a span someone wants clashes with one already held. Named, so a venue, a volunteer's duties and a child's
 * courses say which rule they keep rather than each writing the comparison again.
 */
@FunctionalInterface
public interface OverlapPolicy {

    boolean clashes(TimeSlot held, TimeSlot wanted);

    /**
     * One thing at a time: two spans clash when each starts before the other ends, so an event may start the moment
     * the one before it ends.
     */
    OverlapPolicy oneAtATime = (held, wanted) -> held.startsAt().isBefore(wanted.endsAt())
            && wanted.startsAt().isBefore(held.endsAt());
}
