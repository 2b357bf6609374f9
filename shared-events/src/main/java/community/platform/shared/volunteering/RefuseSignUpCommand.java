package community.platform.shared.volunteering;

import community.platform.shared.RuleViolation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The request broke a rule outside the post (an overlapping duty): the post records the refusal. Answered with whether
 * the request stands refused (now or before): false when the post had given it a place.
 */
public record RefuseSignUpCommand(@TargetAggregateIdentifier String postId, String volunteer, String requestId,
                                  RuleViolation refusal) {
}
