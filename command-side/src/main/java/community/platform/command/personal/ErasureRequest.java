package community.platform.command.personal;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.personal.ErasureRefusedEvent;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.RefuseErasureCommand;
import community.platform.shared.personal.RequestChildErasureCommand;
import community.platform.shared.personal.RequestErasureCommand;
import community.platform.shared.personal.Subjects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One request for erasure, decided once by an ADMIN: carried out (the subject's keys destroyed, see {@link ErasureRequests})
 * or refused with a reason.
 */
@Aggregate
class ErasureRequest {

    @AggregateIdentifier
    private String requestId;
    private ErasureSubject subject;
    private String username;
    private String childId;
    private String enrollmentId;
    private boolean decided;

    @CommandHandler
    public ErasureRequest(RequestErasureCommand command) {
        apply(new ErasureRequestedEvent(command.requestId(), command.subject(), command.username(),
                                        command.enrollmentId(), command.reason()));
    }

    /** Carries the erasure out: the keys named are destroyed once this is stored ({@link ErasureRequests}). */
    void approve(String admin, List<String> keyIds) {
        requireUndecided();
        apply(new PersonalDataErasedEvent(requestId, subject, username, enrollmentId, admin, keyIds));
    }

    /** A guardian's request for their child, who is known by their id. */
    ErasureRequest(RequestChildErasureCommand command, String childId) {
        apply(new ErasureRequestedEvent(command.requestId(), ErasureSubject.CHILD, command.guardian(),
                                        command.enrollmentId(), command.reason(), command.courseId(), childId));
    }

    /** Whose key this request destroys. */
    String subject() {
        return subject == ErasureSubject.CHILD ? Subjects.child(childId) : Subjects.person(username);
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
        childId = event.childId();
        enrollmentId = event.enrollmentId();
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
