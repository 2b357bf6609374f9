package community.platform.shared.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers an account whose id is its username, so the event store itself keeps usernames unique. */
public record RegisterAccountCommand(@TargetAggregateIdentifier String username, String displayName, String phone) {
}
