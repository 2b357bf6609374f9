package community.platform.api.web;

import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.util.Optional;
import java.util.function.Function;

/**
 * Time held in a person's schedule before they join a record (a child's courses): the schedule
 * aggregate keeps their records from overlapping. A hold whose record the person no longer has (cancelled, left, or a
 * crash between two commands) is found stale when it blocks them, and released then, so it cannot block them for good.
 */
public final class Holds {

    private static final Logger log = LoggerFactory.getLogger(Holds.class);

    private Holds() {
    }

    /**
     * Sends {@code reserve} (answering true when newly held); when it is refused with {@code overlap} naming a record
     * that {@code stillHolds} says the person has left, {@code release}s that hold and tries once more.
     */
    public static Mono<Boolean> hold(Mono<Boolean> reserve, ErrorCode overlap,
                                     Function<String, Mono<Boolean>> stillHolds,
                                     Function<String, Mono<Void>> release) {
        // the first two holds of one person at once both create their schedule: one of them tries again
        Mono<Boolean> attempt = reserve.retryWhen(Retry.max(2).filter(
                failure -> ApiExceptionHandler.causedBy(failure, AggregateStreamCreationException.class)));
        return attempt.onErrorResume(failure -> overlapWith(failure, overlap).isPresent(), refused -> {
            String other = overlapWith(refused, overlap).orElseThrow();
            return stillHolds.apply(other).flatMap(holds -> holds ? Mono.error(refused)
                                                                  : release.apply(other).then(attempt));
        });
    }

    /**
     * Holds the time, then joins the record. If the record refuses, a newly held time is given back, except when the
     * refusal says the person is in already: the hold then belongs to the request that got in first.
     */
    public static <R> Mono<R> thenJoin(Mono<Boolean> hold, Mono<R> join, ErrorCode alreadyIn, Mono<Void> release) {
        return hold.flatMap(newlyHeld -> join.onErrorResume(refused -> {
            boolean giveBack = newlyHeld && ApiExceptionHandler.ruleViolation(refused)
                                                               .filter(v -> v.code() == alreadyIn).isEmpty();
            return (giveBack ? release : Mono.<Void>empty()).then(Mono.error(refused));
        }));
    }

    /** A release that may fail without failing the request: the hold is released when it next blocks. */
    public static Mono<Void> release(Mono<?> release, String what) {
        return release.then().onErrorResume(failure -> {
            log.warn("Could not release {}; it is released when it next blocks", what, failure);
            return Mono.empty();
        });
    }

    private static Optional<String> overlapWith(Throwable failure, ErrorCode overlap) {
        return ApiExceptionHandler.ruleViolation(failure)
                                  .filter(violation -> violation.code() == overlap)
                                  .map(RuleViolation::subject);
    }
}
