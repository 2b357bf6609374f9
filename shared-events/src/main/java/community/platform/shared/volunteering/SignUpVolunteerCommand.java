package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answered with a {@link SignUpOutcome}. */
public record SignUpVolunteerCommand(@TargetAggregateIdentifier String postId, String volunteer, String displayName) {
}
