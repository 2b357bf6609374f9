package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/**
 * Decides a requested slot against the duties held before it, at the post's current times. Answered with null when
 * the slot may stay, or with the {@link DutyClash} that refuses it (an overlap, or a newer request for the same post).
 */
public record CheckDutySlotCommand(@TargetAggregateIdentifier String scheduleId, String postId, String requestId,
                                   Instant startsAt, Instant endsAt) {
}
