package community.platform.api.personal;

import community.platform.api.security.CredentialStore;
import community.platform.api.web.IdempotencyKeys;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * An erased account's sign-in and what the API kept of its requests: its password hash, and the answers kept for its
 * {@code Idempotency-Key}s (its registration's answer held its display name). They belong to the HTTP layer, outside
 * the events, so no event handler of the command or query side can reach them; handled here with its own position in
 * the log, the deletion happens once on one instance and again after a crash. Deleting what is gone changes nothing,
 * and it writes no views, so it allows no replay and is no projection.
 */
@Component
@ProcessingGroup(ErasedSignIns.GROUP)
class ErasedSignIns {

    static final String GROUP = "erased-sign-ins";

    private final CredentialStore credentials;
    private final IdempotencyKeys idempotencyKeys;

    ErasedSignIns(CredentialStore credentials, IdempotencyKeys idempotencyKeys) {
        this.credentials = credentials;
        this.idempotencyKeys = idempotencyKeys;
    }

    @EventHandler
    @DisallowReplay
    void on(PersonalDataErasedEvent event) {
        if (!event.ofAccount()) {
            return; // a child's erasure: the guardian signs in as before
        }
        Mono.when(credentials.delete(event.username()), idempotencyKeys.forgetAnswersOf(event.username())).block();
    }
}
