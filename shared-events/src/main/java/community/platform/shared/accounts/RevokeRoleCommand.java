package community.platform.shared.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeRoleCommand(@TargetAggregateIdentifier String username, Role role) {
}
