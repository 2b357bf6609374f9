package community.platform.shared.audit;

import java.time.Instant;

/** Answered with an optional {@link RecordState}: the record as it stood at {@code asOf}. */
public record FindStreamStateQuery(String streamId, Instant asOf) {
}
