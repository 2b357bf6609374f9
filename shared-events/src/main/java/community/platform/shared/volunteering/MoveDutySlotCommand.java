package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record MoveDutySlotCommand(@TargetAggregateIdentifier String scheduleId, String postId, Instant startsAt,
                                  Instant endsAt) {
}
