package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseDutySlotCommand(@TargetAggregateIdentifier String scheduleId, String postId) {
}
