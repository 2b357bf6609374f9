package community.platform.query.festival;

import community.platform.query.processing.PerInstance;
import community.platform.query.views.ReadCaches;
import community.platform.shared.festival.FestivalEventEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** Tells this instance's read cache of the festival events of every event of theirs, whichever instance projects it. */
@Component
@PerInstance
@ProcessingGroup(ReadCaches.GROUP)
class FestivalEventsSeen {

    private final FestivalEventProjection events;

    FestivalEventsSeen(FestivalEventProjection events) {
        this.events = events;
    }

    @EventHandler
    @DisallowReplay
    void on(FestivalEventEvent event, @SequenceNumber long sequence) {
        events.seen(event, sequence);
    }
}
