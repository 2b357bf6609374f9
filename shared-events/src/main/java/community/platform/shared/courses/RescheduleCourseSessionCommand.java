package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with the course's version after the change. */
public record RescheduleCourseSessionCommand(@TargetAggregateIdentifier String courseId, String organizer,
                                             int sessionNo, TimeSpan span, String room, String reason) {
}
