package community.platform.api.accounts;

import community.platform.shared.accounts.Role;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/admin/accounts/{username}/roles}. */
public record RoleRequest(@NotNull(message = "one of RESIDENT, ORGANIZER, AUDITOR, ADMIN") Role role) {
}
