package community.platform.api.web;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A command or query sent off the event loop (Axon's buses handle a message on the sending thread, and handlers block
 * on the store), run to its end even when nobody waits for it any more: a client gone, a wait that timed out, a wait
 * answered by another source first. Reactor's {@code subscribeOn} would interrupt the thread on such a cancel: a
 * command half-way through its commit would be cut off, and Axon's unit-of-work timer, which then never completes,
 * would interrupt whatever that pooled thread runs a minute later.
 */
final class BusWork {

    /** Blocking work goes to Reactor's bounded elastic threads, scheduled as a task nothing ever disposes. */
    private static final Executor THREADS = task -> Schedulers.boundedElastic().schedule(task);

    private BusWork() {
    }

    static <R> Mono<R> run(Supplier<CompletableFuture<R>> send) {
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(send, THREADS).thenCompose(sent -> sent), true);
    }
}
