package community.platform.command.personal;

import community.platform.shared.personal.ApproveErasureCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Repository;

import java.util.List;
import java.util.Optional;

/**
 * Carrying out an erasure: the request records which keys go ({@link ErasureRequest#approve}), and they are destroyed
 * as soon as that is stored; {@link KeyShredder} destroys them again should the process die in between.
 */
class Erasures {

    private final Repository<ErasureRequest> requests;
    private final PersonalKeys keys;

    Erasures(Repository<ErasureRequest> requests, PersonalKeys keys) {
        this.requests = requests;
        this.keys = keys;
    }

    @CommandHandler
    void handle(ApproveErasureCommand command) throws Exception {
        requests.load(command.requestId()).execute(request -> {
            List<String> keyIds = Optional.ofNullable(keys.keyIdOf(request.subject())).stream().toList();
            request.approve(command.admin(), keyIds);
            CurrentUnitOfWork.get().afterCommit(work -> keyIds.forEach(keys::eraseKey));
        });
    }
}
