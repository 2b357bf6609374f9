package community.platform.shared.accounts;

import java.util.Set;

public record AccountSummary(String username, String displayName, Set<Role> roles) {
}
