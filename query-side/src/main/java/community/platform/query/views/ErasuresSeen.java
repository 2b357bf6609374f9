package community.platform.query.views;

import community.platform.query.processing.PerInstance;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * An erasure scrubs names and comments from many views without an event of their records, so no sequence tells when
 * a view holds it: the read caches drop everything and keep nothing for a while, far longer than the projections take.
 */
@Component
@PerInstance
@ProcessingGroup(ReadCaches.GROUP)
class ErasuresSeen {

    static final Duration SETTLING = Duration.ofSeconds(30);

    private final ReadCaches caches;

    ErasuresSeen(ReadCaches caches) {
        this.caches = caches;
    }

    @EventHandler
    @DisallowReplay
    void on(PersonalDataErasedEvent event) {
        caches.suspendAll(SETTLING);
    }
}
