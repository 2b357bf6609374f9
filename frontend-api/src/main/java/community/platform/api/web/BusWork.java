package community.platform.api.web;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A command or query sent off the event loop (Axon's buses handle a message on the sending thread, and handlers block
 * on the store). Once it has started it runs to its end, even when nobody waits for it any more (a client gone, a wait
 * that timed out, a wait answered by another source first): Reactor's {@code subscribeOn} would interrupt the thread
 * on such a cancel, cutting a command off half-way and leaving Axon's unit-of-work timer running, which then
 * interrupts whatever that pooled thread runs a minute later. Work whose caller left before it started is not done.
 */
final class BusWork {

    private BusWork() {
    }

    static <R> Mono<R> run(Supplier<CompletableFuture<R>> send) {
        return Mono.fromFuture(() -> {
            // cancelling this future (Reactor does, when its caller leaves) never interrupts a thread
            CompletableFuture<R> answer = new CompletableFuture<>();
            Schedulers.boundedElastic().schedule(() -> {
                if (answer.isCancelled()) {
                    return;
                }
                try {
                    send.get().whenComplete((result, failure) -> {
                        if (failure != null) {
                            answer.completeExceptionally(failure);
                        } else {
                            answer.complete(result);
                        }
                    });
                } catch (RuntimeException failure) {
                    answer.completeExceptionally(failure);
                }
            });
            return answer;
        });
    }
}
