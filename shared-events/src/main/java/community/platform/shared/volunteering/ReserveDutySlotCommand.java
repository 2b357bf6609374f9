package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Holds a volunteer's time for a post before they sign up, refused when it overlaps a duty they hold already.
 * Answered with true when the slot is new, false when it was held already.
 */
public record ReserveDutySlotCommand(@TargetAggregateIdentifier String scheduleId, String volunteer, String postId,
                                     String title, Instant startsAt, Instant endsAt) {

    public static String scheduleOf(String volunteer) {
        return "schedule-" + volunteer;
    }
}
