package community.platform.shared.accounts;

/** The events of one account; the username is its id. */
public sealed interface AccountEvent permits AccountRegisteredEvent, RoleGrantedEvent, RoleRevokedEvent {

    String username();
}
