package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

/**
 * The child was enrolled again: their data's erasure waited for that course to complete. No longer written (a new
 * enrollment now schedules the erasure after its course's last session); read in stores that hold it.
 */
@Revision("1")
public record ChildDataErasurePostponedEvent(String retentionId) {
}
