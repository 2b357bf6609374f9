package community.platform.query.processing;

import reactor.core.publisher.Mono;

/**
 * Lets a query wait, a moment at most, until a processor has handled the events stored when the query came. A page
 * drawn right after a change its caller made then shows the change, though the command waited for another view.
 */
public interface CaughtUp {

    /** For tests that feed a projection by hand: nothing to wait for. */
    CaughtUp NOW = processor -> Mono.empty();

    /** Completes when {@code processor} has caught up, or when waiting longer would keep the reader too long. */
    Mono<Void> await(String processor);
}
