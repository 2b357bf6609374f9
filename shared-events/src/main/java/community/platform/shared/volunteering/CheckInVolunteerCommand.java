package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The organizer marks a confirmed volunteer as arrived, now; answers the post's version. */
public record CheckInVolunteerCommand(@TargetAggregateIdentifier String postId, String organizer, String volunteer) {
}
