package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A child's data is to be erased at {@code due}, the retention period after their last course completed. */
@Revision("1")
public record ChildDataErasureScheduledEvent(String retentionId, String childId, String guardian, String enrollmentId,
                                             Instant due) {
}
