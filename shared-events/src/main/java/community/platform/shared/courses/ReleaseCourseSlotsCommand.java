package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back the time held for the enrollment (no effect when it holds none, or the command is stale). */
public record ReleaseCourseSlotsCommand(@TargetAggregateIdentifier String scheduleId, String courseId,
                                        String enrollmentId, long courseVersion) {
}
