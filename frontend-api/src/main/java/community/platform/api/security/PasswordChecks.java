package community.platform.api.security;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The BCrypt checks of passwords, bounded: at most {@code platform.security.password-checks.concurrent} run at once
 * (by default one per core), on threads of their own, and at most {@code platform.security.password-checks.queue}
 * more wait for a turn. A check beyond that is refused at once with {@link SignInBusyException} (503, try again in a
 * second), so that guesses from many addresses at once cannot take every core.
 */
@Component
class PasswordChecks {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordEncoder passwords;
    private final int bound;
    private final AtomicInteger admitted = new AtomicInteger();
    private final ExecutorService threads;
    private final Scheduler checkers;

    PasswordChecks(PasswordEncoder passwords,
                   @Value("${platform.security.password-checks.concurrent:0}") int concurrent,
                   @Value("${platform.security.password-checks.queue:1000}") int queue) {
        int running = concurrent > 0 ? concurrent : Runtime.getRuntime().availableProcessors();
        this.passwords = passwords;
        this.bound = running + queue;
        this.threads = Executors.newFixedThreadPool(running, task -> {
            Thread thread = new Thread(task, "password-check");
            thread.setDaemon(true);
            return thread;
        });
        this.checkers = Schedulers.fromExecutorService(threads, "password-checks");
    }

    /** Whether {@code password} matches {@code hash}; fails with {@link SignInBusyException} when too many wait. */
    Mono<Boolean> matches(String password, String hash) {
        return Mono.defer(() -> {
            if (!admit()) {
                return Mono.error(new SignInBusyException(RETRY_AFTER));
            }
            return Mono.fromCallable(() -> passwords.matches(password, hash))
                       .subscribeOn(checkers)
                       .doFinally(signal -> leave());
        });
    }

    /** Takes a place among the checks running or waiting, if there is one. */
    boolean admit() {
        if (admitted.incrementAndGet() > bound) {
            admitted.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives a place back. */
    void leave() {
        admitted.decrementAndGet();
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
