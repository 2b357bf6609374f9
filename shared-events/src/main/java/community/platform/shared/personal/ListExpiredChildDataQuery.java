package community.platform.shared.personal;

import java.time.Instant;

/** Answered with the retention ids of children whose data is due for erasure at {@code now} and not yet erased. */
public record ListExpiredChildDataQuery(Instant now) {
}
