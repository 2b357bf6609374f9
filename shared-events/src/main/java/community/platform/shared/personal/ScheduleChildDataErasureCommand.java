package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A course the child took has completed: their data is to be erased at {@code due} (the completion and the retention
 * period), unless a later course of theirs moves that on. {@code retentionId} is {@link #of(String)} of the child.
 */
public record ScheduleChildDataErasureCommand(@TargetAggregateIdentifier String retentionId, String childId,
                                              String guardian, String enrollmentId, Instant due) {

    public static String of(String childId) {
        return "retention-" + childId;
    }
}
