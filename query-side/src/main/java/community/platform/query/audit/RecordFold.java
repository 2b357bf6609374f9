package community.platform.query.audit;

import java.time.Instant;

/**
 * How one kind of record's state is built from its events: the same pure function its live view applies, so the
 * live view and a past state read by an auditor cannot drift apart. A projection implements this for its record type
 * and the audit finds it; a new kind of record joins without audit code of its own.
 *
 * @param <E> the record's events (its sealed event interface)
 * @param <V> its view
 */
public interface RecordFold<E, V> {

    Class<E> events();

    /** The view after {@code event}; {@code before} is null for the record's first event. */
    V apply(V before, E event, long sequence, Instant at);

    /** What an auditor reads of the view as it stood at {@code asOf}, after event {@code sequence}. */
    Object present(V view, long sequence, Instant asOf);
}
