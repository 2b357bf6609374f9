package community.platform.command.handling;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Sends a process's commands so that each commits on its own, before the next is sent, in a unit of work of its own
 * (a commit holds one record's events, and a record's lock is held only while its command runs), with the correlation
 * data of the event being handled (who acted, the request's id). A command sent on the processor's thread would join
 * the processor's batch instead. If the process dies half-way through a step, the step is taken again from its event:
 * every command sent this way must change nothing the second time.
 */
public class OwnCommits {

    private final CommandGateway commands;
    private final Executor executor;

    public OwnCommits(CommandGateway commands, Executor executor) {
        this.commands = commands;
        this.executor = executor;
    }

    /** The command's answer once it has committed; its refusal thrown as the gateway throws it. */
    public <R> R send(Object command) {
        MetaData correlation = CurrentUnitOfWork.map(work -> work.getCorrelationData()).orElse(MetaData.emptyInstance());
        try {
            return CompletableFuture.supplyAsync(() -> commands.<R>sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(correlation)), executor).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
