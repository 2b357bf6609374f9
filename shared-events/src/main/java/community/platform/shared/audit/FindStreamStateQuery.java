package community.platform.shared.audit;

import java.time.Instant;

/**
 * Answered with an optional {@link RecordState}: the record as it stood at {@code asOf}, personal fields masked unless
 * {@code unmasked} (see {@link FindStreamEventsQuery}).
 */
public record FindStreamStateQuery(String streamId, Instant asOf, boolean unmasked) {
    public FindStreamStateQuery(String streamId, Instant asOf) {
        this(streamId, asOf, false);
    }
}
