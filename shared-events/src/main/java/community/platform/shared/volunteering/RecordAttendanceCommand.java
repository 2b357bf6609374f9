package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Answered with the minutes credited. */
public record RecordAttendanceCommand(@TargetAggregateIdentifier String postId, String organizer, String volunteer,
                                      Instant checkedInAt, Instant checkedOutAt) {
}
