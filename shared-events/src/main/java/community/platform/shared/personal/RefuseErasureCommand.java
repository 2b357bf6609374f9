package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN refuses an erasure where the records must be kept, and says why. */
public record RefuseErasureCommand(@TargetAggregateIdentifier String requestId, String admin, String reason) {
}
