package community.platform.shared.audit;

import java.time.Instant;

/**
 * A record's state at a moment, built from its events up to then by the same function that builds its live view;
 * {@code lastSequence} is the last event applied (-1 when the record did not exist yet). A record whose kind has no
 * state to show has no {@code recordType}.
 */
public record RecordState(String streamId, String recordType, Instant asOf, long lastSequence, Object state) {
}
