package community.platform.api.accounts;

import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.Role;

import java.util.List;

/** {@code {username, displayName, roles}}, roles in a fixed order. */
public record AccountResponse(String username, String displayName, List<Role> roles) {

    static AccountResponse of(AccountSummary account) {
        return new AccountResponse(account.username(), account.displayName(),
                                   account.roles().stream().sorted().toList());
    }
}
