package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RescheduleVolunteerPostCommand(@TargetAggregateIdentifier String postId, String organizer,
                                             Instant startsAt, Instant endsAt, String reason) {
}
