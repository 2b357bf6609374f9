package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

/**
 * A child's retention period ended with nothing left to erase: their data had been erased on their guardian's request
 * before it was due. Not an erasure, so the erasure queue does not list it; a course taken since opens the record again.
 */
@Revision("1")
public record ChildDataRetentionClosedEvent(String retentionId) {
}
