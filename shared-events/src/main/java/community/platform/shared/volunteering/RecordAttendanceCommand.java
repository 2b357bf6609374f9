package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Answered with the minutes credited. A later record for the same volunteer is a correction, with its reason. */
public record RecordAttendanceCommand(@TargetAggregateIdentifier String postId, String organizer, String volunteer,
                                      Instant checkedInAt, Instant checkedOutAt, String reason) {

    public RecordAttendanceCommand(String postId, String organizer, String volunteer, Instant checkedInAt,
                                   Instant checkedOutAt) {
        this(postId, organizer, volunteer, checkedInAt, checkedOutAt, null);
    }
}
