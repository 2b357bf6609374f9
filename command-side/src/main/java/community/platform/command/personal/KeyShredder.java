package community.platform.command.personal;

import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;

/**
 * Destroys the keys of every erasure carried out. {@link ErasureRequests} destroys them as soon as the decision is
 * stored; this handler, with its own position in the log, makes sure of it after a process died in between. A key
 * destroyed already is left as it is, so handling an erasure twice changes nothing. It writes no views, so it is no
 * projection: its handler allows no replay, which keeps it out of the projections' list, rebuilds and diffs. On a store
 * it has not seen it starts from the beginning of the log, as every processor does, and goes through it once.
 */
@ProcessingGroup(KeyShredder.GROUP)
class KeyShredder {

    static final String GROUP = "personal-data-keys";

    private final PersonalKeys keys;

    KeyShredder(PersonalKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    @DisallowReplay
    void on(PersonalDataErasedEvent event) {
        event.keyIds().forEach(keys::eraseKey);
    }
}
