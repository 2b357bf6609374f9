package community.platform.shared.accounts;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.util.Set;

/** Someone registered. Credentials are never part of an event: they live in their own collection. */
@Revision("1")
public record AccountRegisteredEvent(String username, @PersonalData(subject = "username") String displayName, @PersonalData(subject = "username") String phone, Set<Role> roles)
        implements AccountEvent {
}
