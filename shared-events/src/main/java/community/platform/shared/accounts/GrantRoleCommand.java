package community.platform.shared.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record GrantRoleCommand(@TargetAggregateIdentifier String username, Role role) {
}
