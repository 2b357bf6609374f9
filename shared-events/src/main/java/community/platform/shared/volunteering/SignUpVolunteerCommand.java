package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A volunteer asks for a place on a post. The post checks its own rules at once; the volunteer's schedule holds the
 * time as the request, and a process decides the rest (overlap, then seat or queue). Answered with the request's id,
 * by which {@link FindSignUpDecisionQuery} finds the decision.
 */
public record SignUpVolunteerCommand(@TargetAggregateIdentifier String postId, String volunteer) {
}
