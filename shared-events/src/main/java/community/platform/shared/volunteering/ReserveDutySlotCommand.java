package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Holds a volunteer's time for a place the post gave them before sign-up requests had ids (the duties process, when it
 * meets such a place and the time is not held); refused when it overlaps a duty they hold. Answered with true when the
 * slot is new, false when it was held already. A sign-up itself is a {@link SignUpVolunteerCommand}.
 */
public record ReserveDutySlotCommand(@TargetAggregateIdentifier String scheduleId, String volunteer, String postId,
                                     String title, Instant startsAt, Instant endsAt) {

    public static String scheduleOf(String volunteer) {
        return "schedule-" + volunteer;
    }
}
