package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The volunteer's time is held: the post gives the request a seat or a queue place, or refuses it when it can no
 * longer take it. Answered with true when the request holds a place, false when it is refused; the same request
 * twice changes nothing.
 */
public record ConfirmSignUpCommand(@TargetAggregateIdentifier String postId, String volunteer, String requestId) {
}
