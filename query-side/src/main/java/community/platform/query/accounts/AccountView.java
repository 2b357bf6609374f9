package community.platform.query.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import community.platform.query.views.ViewCodec;
import community.platform.shared.accounts.AccountEvent;
import community.platform.shared.accounts.AccountRecord;
import community.platform.shared.accounts.AccountRegisteredEvent;
import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.Role;
import community.platform.shared.accounts.RoleGrantedEvent;
import community.platform.shared.accounts.RoleRevokedEvent;
import community.platform.shared.personal.PersonalData;
import org.bson.Document;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * How an account reads on screen: who it is and what it may do, and the phone and registration time its owner's copy
 * of their data shows. Built by {@link #apply}, a pure function. An erased account keeps its username only, with no
 * roles, and is no account anyone can sign in as.
 */
record AccountView(@JsonProperty("_id") String username, String displayName, Set<Role> roles, String phone,
                   Instant registeredAt, boolean erased) {

    /** Roles in their declared order, so the same account always makes the same document. */
    AccountView {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    static AccountView apply(AccountView view, AccountEvent event, Instant at) {
        if (event instanceof AccountRegisteredEvent registered) {
            return new AccountView(registered.username(), registered.displayName(), registered.roles(),
                                   registered.phone(), at, false);
        }
        Set<Role> roles = EnumSet.copyOf(view.roles().isEmpty() ? EnumSet.noneOf(Role.class) : view.roles());
        if (event instanceof RoleGrantedEvent granted) {
            roles.add(granted.role());
        } else if (event instanceof RoleRevokedEvent revoked) {
            roles.remove(revoked.role());
        }
        return new AccountView(view.username(), view.displayName(), roles, view.phone(), view.registeredAt(),
                               view.erased());
    }

    AccountRecord record() {
        return new AccountRecord(username, displayName, phone, Set.copyOf(roles), registeredAt);
    }

    static AccountView erased(String username) {
        return new AccountView(username, PersonalData.ERASED, Set.of(), PersonalData.ERASED, null, true);
    }

    AccountSummary summary() {
        return new AccountSummary(username, displayName, Set.copyOf(roles));
    }

    Document toDocument(long lastSequence) {
        return ViewCodec.toDocument(this).append("lastSequence", lastSequence);
    }

    static AccountView from(Document document) {
        return ViewCodec.fromDocument(document, AccountView.class);
    }
}
