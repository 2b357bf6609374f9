package community.platform.shared.accounts;

import java.time.Instant;
import java.util.Set;

/** An account as held, phone included; only ever answered to its owner. */
public record AccountRecord(String username, String displayName, String phone, Set<Role> roles, Instant registeredAt) {
}
