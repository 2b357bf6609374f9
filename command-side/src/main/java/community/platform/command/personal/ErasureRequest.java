package community.platform.command.personal;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.personal.ErasureRefusedEvent;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.RefuseErasureCommand;
import community.platform.shared.personal.RequestErasureCommand;
import community.platform.shared.personal.Subjects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One request for erasure, decided once by an ADMIN: carried out (the subject's keys destroyed, see {@link Erasures})
 * or refused with a reason.
 */
@Aggregate
class ErasureRequest {

    @AggregateIdentifier
    private String requestId;
    private ErasureSubject subject;
    private String username;
    private boolean decided;

    @CommandHandler
    public ErasureRequest(RequestErasureCommand command) {
        apply(new ErasureRequestedEvent(command.requestId(), command.subject(), command.username(),
                                        command.enrollmentId(), command.reason()));
    }

    /** Carries the erasure out: the keys named are destroyed once this is stored ({@link Erasures}). */
    void approve(String admin, List<String> keyIds) {
        requireUndecided();
        apply(new PersonalDataErasedEvent(requestId, subject, username, null, admin, keyIds));
    }

    /** Whose key this request destroys. */
    String subject() {
        return Subjects.person(username);
    }

    @CommandHandler
    public void handle(RefuseErasureCommand command) {
        requireUndecided();
        apply(new ErasureRefusedEvent(requestId, command.admin(), command.reason()));
    }

    private void requireUndecided() {
        if (decided) {
            throw new RuleViolatedException(ErrorCode.ERASURE_DECIDED,
                                            "The erasure request " + requestId + " was decided already");
        }
    }

    @EventSourcingHandler
    void on(ErasureRequestedEvent event) {
        requestId = event.requestId();
        subject = event.subject();
        username = event.username();
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        decided = true;
    }

    @EventSourcingHandler
    void on(ErasureRefusedEvent event) {
        decided = true;
    }

    ErasureRequest() {
        // required by Axon
    }
}
