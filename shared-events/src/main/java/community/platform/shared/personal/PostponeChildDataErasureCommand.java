package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The child was enrolled again: nothing is erased until that course, too, has completed. */
public record PostponeChildDataErasureCommand(@TargetAggregateIdentifier String retentionId) {
}
