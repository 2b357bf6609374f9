package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record WithdrawSignUpCommand(@TargetAggregateIdentifier String postId, String volunteer) {
}
