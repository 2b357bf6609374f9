package community.platform.query.volunteering;

import community.platform.query.processing.PerInstance;
import community.platform.shared.volunteering.FindSignUpDecisionQuery;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.VolunteerPostEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;

/**
 * Pushes a post's counts to this instance's live streams, and the decisions of sign-up requests awaited here, whichever
 * instance projected the change. The post view's
 * projection emits its updates after its write, but only on the instance that holds the post's segment; this handler
 * runs on every instance over the whole log ({@link PerInstance}), so every instance hears of every change. For a post
 * someone here is watching, it waits until the view has applied the event (the projection may run elsewhere, a moment
 * behind), then emits the post as the view shows it. Where both run, the stream drops the repeated update.
 */
@Component
@PerInstance
@ProcessingGroup(LivePostCounts.GROUP)
class LivePostCounts {

    static final String GROUP = "live-post-counts";
    /** How long to wait for the view; a view that stays behind longer (a dead letter) is not waited for. */
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(LivePostCounts.class);

    private final VolunteerPostProjection posts;
    private final QueryUpdateEmitter updates;

    LivePostCounts(VolunteerPostProjection posts, QueryUpdateEmitter updates) {
        this.posts = posts;
        this.updates = updates;
    }

    /** Runs on this instance's processor thread, so it may block while it waits for the view. */
    @EventHandler
    @DisallowReplay
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        if (!watched(event.postId())) {
            return;
        }
        posts.viewOnceApplied(event.postId(), sequence)
             .timeout(WAIT)
             .onErrorResume(late -> {
                 log.warn("The view of {} did not show sequence {} within {}; its streams wait for the next change",
                          event.postId(), sequence, WAIT);
                 return Mono.empty();
             })
             .blockOptional()
             .ifPresent(view -> {
                 updates.emit(FindVolunteerPostQuery.class, query -> query.postId().equals(event.postId()),
                              Optional.of(posts.summary(view)));
                 VolunteerPostProjection.emitDecisions(updates, view);
             });
    }

    private boolean watched(String postId) {
        return updates.activeSubscriptions().stream()
                      .anyMatch(s -> s.getPayload() instanceof FindVolunteerPostQuery q && q.postId().equals(postId)
                              || s.getPayload() instanceof FindSignUpDecisionQuery d && d.postId().equals(postId));
    }
}
