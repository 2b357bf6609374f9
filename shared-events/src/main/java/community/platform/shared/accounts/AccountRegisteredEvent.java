package community.platform.shared.accounts;

import org.axonframework.serialization.Revision;

import java.util.Set;

/** Someone registered. Credentials are never part of an event: they live in their own collection. */
@Revision("1")
public record AccountRegisteredEvent(String username, String displayName, String phone, Set<Role> roles)
        implements AccountEvent {
}
