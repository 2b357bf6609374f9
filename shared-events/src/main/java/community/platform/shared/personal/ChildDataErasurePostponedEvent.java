package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

/** The child was enrolled again: their data's erasure waits for that course to complete. */
@Revision("1")
public record ChildDataErasurePostponedEvent(String retentionId) {
}
