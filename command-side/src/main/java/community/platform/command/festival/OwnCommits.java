package community.platform.command.festival;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends a process's commands each in a unit of work of its own, committed before the next step is taken. Sent from the
 * saga's thread, a command would join the processor's batch, whose commit would then hold events of several records;
 * the event store takes one record per commit. A step done stays done if a later one fails: the event is handed over
 * again and the step, being safe to repeat, changes nothing the second time. The event's actor and correlation go
 * with each command, as they would on the saga's own thread.
 */
final class OwnCommits {

    private static final ExecutorService STEPS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "process-step");
        thread.setDaemon(true);
        return thread;
    });

    private OwnCommits() {
    }

    static void sendAndWait(CommandGateway gateway, Object command) {
        MetaData origin = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getCorrelationData()
                                                        : MetaData.emptyInstance();
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(origin);
        try {
            STEPS.submit(() -> gateway.sendAndWait(message)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + command.getClass().getSimpleName() + " was sent", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new CompletionException(e.getCause());
        }
    }
}
