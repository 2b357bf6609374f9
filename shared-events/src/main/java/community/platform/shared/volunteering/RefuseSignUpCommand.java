package community.platform.shared.volunteering;

import community.platform.shared.RuleViolation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The request broke a rule outside the post (an overlapping duty): the post records the refusal. Answered with true
 * when it did, false when it had decided the request already.
 */
public record RefuseSignUpCommand(@TargetAggregateIdentifier String postId, String volunteer, String requestId,
                                  RuleViolation refusal) {
}
