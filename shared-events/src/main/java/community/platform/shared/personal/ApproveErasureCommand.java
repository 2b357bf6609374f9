package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN carries out an erasure: the subject's keys are destroyed. */
public record ApproveErasureCommand(@TargetAggregateIdentifier String requestId, String admin) {
}
