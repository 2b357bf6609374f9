package community.platform.shared.accounts;

import org.axonframework.serialization.Revision;

@Revision("1")
public record RoleGrantedEvent(String username, Role role) implements AccountEvent {
}
