package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelVolunteerPostCommand(@TargetAggregateIdentifier String postId, String organizer, String reason) {
}
