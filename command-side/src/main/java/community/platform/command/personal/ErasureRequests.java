package community.platform.command.personal;

import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.command.courses.Guardianship;
import community.platform.shared.personal.ApproveErasureCommand;
import community.platform.shared.personal.EraseExpiredChildDataCommand;
import community.platform.shared.personal.RequestChildErasureCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Repository;

import java.util.List;
import java.util.Optional;

/**
 * A guardian's request for a child's erasure, erasing a child's data once its retention period is over, and carrying
 * out an erasure: the request records which keys go ({@link ErasureRequest#approve}), and they are destroyed
 * as soon as that is stored; {@link KeyShredder} destroys them again should the process die in between.
 */
class ErasureRequests {

    private final Repository<ErasureRequest> requests;
    private final PersonalKeys keys;
    private final Guardianship guardianship;
    private final Repository<ChildDataRetention> retentions;

    ErasureRequests(Repository<ErasureRequest> requests, PersonalKeys keys, Guardianship guardianship,
                    Repository<ChildDataRetention> retentions) {
        this.requests = requests;
        this.keys = keys;
        this.guardianship = guardianship;
        this.retentions = retentions;
    }

    /** A guardian's request for their child: the course says who the child is, or refuses a stranger. */
    @CommandHandler
    String handle(RequestChildErasureCommand command) throws Exception {
        String childId = guardianship.childIdOf(command.courseId(), command.enrollmentId(), command.guardian());
        requests.newInstance(() -> new ErasureRequest(command, childId));
        return command.requestId();
    }

    /**
     * A child's data whose retention period is over: erased once, whichever instance asks first; or, when it was erased
     * on request already and nothing was kept since, the record closed without a second erasure.
     */
    @CommandHandler
    void handle(EraseExpiredChildDataCommand command) throws Exception {
        retentions.load(command.retentionId()).execute(retention -> {
            String subject = retention.dueSubject(command.now());
            if (subject != null) {
                List<String> keyIds = destroyedOnCommit(subject);
                if (keyIds.isEmpty()) {
                    retention.close();
                } else {
                    retention.erase(keyIds);
                }
            }
        });
    }

    @CommandHandler
    void handle(ApproveErasureCommand command) throws Exception {
        requests.load(command.requestId()).execute(
                request -> request.approve(command.admin(), destroyedOnCommit(request.subject())));
    }

    /** The subject's key ids (none, or one), destroyed once the decision that names them is stored. */
    private List<String> destroyedOnCommit(String subject) {
        List<String> keyIds = Optional.ofNullable(keys.keyIdOf(subject)).stream().toList();
        CurrentUnitOfWork.get().afterCommit(work -> keyIds.forEach(keys::eraseKey));
        return keyIds;
    }
}
