package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back the slot held for a post; with a request id, only if the slot still belongs to that request. */
public record ReleaseDutySlotCommand(@TargetAggregateIdentifier String scheduleId, String postId, String requestId) {
    public ReleaseDutySlotCommand(String scheduleId, String postId) {
        this(scheduleId, postId, null);
    }
}
