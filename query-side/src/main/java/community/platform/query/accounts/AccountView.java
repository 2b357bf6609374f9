package community.platform.query.accounts;

import community.platform.shared.accounts.AccountEvent;
import community.platform.shared.accounts.AccountRegisteredEvent;
import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.Role;
import community.platform.shared.accounts.RoleGrantedEvent;
import community.platform.shared.accounts.RoleRevokedEvent;
import org.bson.Document;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** How an account reads on screen: who it is and what it may do. Built by {@link #apply}, a pure function. */
record AccountView(String username, String displayName, Set<Role> roles) {

    static AccountView apply(AccountView view, AccountEvent event) {
        if (event instanceof AccountRegisteredEvent registered) {
            return new AccountView(registered.username(), registered.displayName(), registered.roles());
        }
        Set<Role> roles = view.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(view.roles());
        if (event instanceof RoleGrantedEvent granted) {
            roles.add(granted.role());
        } else if (event instanceof RoleRevokedEvent revoked) {
            roles.remove(revoked.role());
        }
        return new AccountView(view.username(), view.displayName(), roles);
    }

    AccountSummary summary() {
        return new AccountSummary(username, displayName, Set.copyOf(roles));
    }

    Document toDocument(long lastSequence) {
        return new Document("_id", username)
                .append("displayName", displayName)
                .append("roles", roles.stream().map(Role::name).sorted().toList())
                .append("lastSequence", lastSequence);
    }

    static AccountView from(Document document) {
        List<String> roles = document.getList("roles", String.class);
        return new AccountView(document.getString("_id"), document.getString("displayName"),
                               roles.stream().map(Role::valueOf).collect(Collectors.toCollection(
                                       () -> EnumSet.noneOf(Role.class))));
    }
}
