package community.platform.shared.audit;

import java.time.Instant;

/** The events a processor's projections failed on, set aside; answered with a list of {@link DeadLetter}s. */
public record ListDeadLettersQuery(String name) {

    /** One event set aside: its record (the sequence), type, position in that record, why, and when. */
    public record DeadLetter(String record, String type, long sequence, String cause, Instant enqueuedAt,
                             Instant lastTouched) {
    }
}
