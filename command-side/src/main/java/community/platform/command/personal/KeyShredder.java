package community.platform.command.personal;

import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Destroys the keys of every erasure carried out. {@link ErasureRequest} destroys them as soon as its decision is
 * stored; this handler, with its own position in the log, makes sure of it after a process died in between. A key
 * destroyed already is left as it is, so handling an erasure twice changes nothing.
 */
@ProcessingGroup(KeyShredder.GROUP)
class KeyShredder {

    static final String GROUP = "personal-data-keys";

    private final PersonalKeys keys;

    KeyShredder(PersonalKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(PersonalDataErasedEvent event) {
        event.keyIds().forEach(keys::eraseKey);
    }
}
