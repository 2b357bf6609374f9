package community.platform.query.volunteering;

import community.platform.query.processing.PerInstance;
import community.platform.query.views.ReadCaches;
import community.platform.shared.volunteering.VolunteerPostEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Tells this instance's read caches of the posts and of the duties of every post event, whichever instance projects
 * it: it runs on every instance over the whole log ({@link PerInstance}), so a write through another instance evicts
 * here as soon as this instance reads the event, as the live streams hear of it.
 */
@Component
@PerInstance
@ProcessingGroup(ReadCaches.GROUP)
class PostEventsSeen {

    private final VolunteerPostProjection posts;
    private final VolunteerDutiesProjection duties;

    PostEventsSeen(VolunteerPostProjection posts, VolunteerDutiesProjection duties) {
        this.posts = posts;
        this.duties = duties;
    }

    @EventHandler
    @DisallowReplay
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        posts.seen(event, sequence);
        duties.seen(event, sequence);
    }
}
