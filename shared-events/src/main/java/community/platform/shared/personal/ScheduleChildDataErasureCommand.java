package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A course the child was asked into, or took, lets their data go at {@code due}: the retention period after its planned
 * last session, or after its completion. The child's record is due at the latest of its courses' dues. {@code
 * retentionId} is {@link #of(String)} of the child.
 */
public record ScheduleChildDataErasureCommand(@TargetAggregateIdentifier String retentionId, String childId,
                                              String guardian, String enrollmentId, Instant due) {

    public static String of(String childId) {
        return "retention-" + childId;
    }
}
