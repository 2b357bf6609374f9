package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks a post whether a volunteer's time held for it still stands: answered true while the volunteer holds a seat or a
 * queue place there, or while the request that holds the time ({@code requestId}) is not yet decided; false once the
 * post is cancelled, or the request was refused, or the volunteer left. Changes nothing.
 */
public record CheckPlaceCommand(@TargetAggregateIdentifier String postId, String volunteer, String requestId) {
}
