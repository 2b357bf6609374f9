package community.platform.command.handling;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tries a command again when it lost a race on its record (another command, on this instance or another, appended
 * first), on the record's new state, after 20, 40, 80 … ms, up to {@code maxRetries} times; any other failure is
 * final. On one instance commands on one record mostly wait for each other (Axon locks the record); between instances
 * they race, and the growing wait lets the other instance's queue drain.
 * <p>
 * A record that another command created first (its id was free when this command looked) is tried once more only: a
 * command that creates the record or else changes it then finds it and goes on, and one that can only create it (a
 * username taken) fails the same way again, which is final rather than a wait of every retry.
 * <p>
 * Axon's own schedulers ask their "non-transient" predicate of each cause in turn, and a race's cause (the store's
 * duplicate-key error) does not look like a race, so they never retried one.
 */
final class RaceRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-retry");
        thread.setDaemon(true);
        return thread;
    });
    private final int maxRetries;
    private final long firstWaitMillis;

    RaceRetryScheduler(int maxRetries, long firstWaitMillis) {
        this.maxRetries = maxRetries;
        this.firstWaitMillis = firstWaitMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        int failed = failures.size();
        if (failed > maxRetries || !lostARace(lastFailure) || failed > 1 && createdFirst(lastFailure)) {
            return false;
        }
        executor.schedule(dispatchTask, firstWaitMillis << Math.min(failed - 1, 16), TimeUnit.MILLISECONDS);
        return true;
    }

    private static boolean createdFirst(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
