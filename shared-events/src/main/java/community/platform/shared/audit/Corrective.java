package community.platform.shared.audit;

/**
 * An event that may correct an earlier one (an attendance record, a score, a mark). The audit lists the events for
 * which {@link #corrects()} is true, with their actor and reason; a new kind of correction joins by implementing this.
 */
public interface Corrective {

    /** True when this event replaces an earlier value. */
    boolean corrects();

    /** Why, as the person who made the correction said; may be null. */
    String reason();
}
