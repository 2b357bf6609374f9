package community.platform.command.personal;

import community.platform.shared.personal.ChildDataErasurePostponedEvent;
import community.platform.shared.personal.ChildDataErasureScheduledEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.PostponeChildDataErasureCommand;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import community.platform.shared.personal.Subjects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * How long a child's data is kept: until the retention period after the last course they took has completed, unless
 * they are enrolled again. Once due it is erased, once: every instance may ask, the record decides.
 */
@Aggregate
class ChildDataRetention {

    @AggregateIdentifier
    private String retentionId;
    private String childId;
    private String guardian;
    private String enrollmentId;
    private Instant due;
    private boolean erased;

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleChildDataErasureCommand command) {
        // after an erasure, a course taken since (under a new key) schedules the next one
        if (erased || due == null || command.due().isAfter(due)) {
            apply(new ChildDataErasureScheduledEvent(command.retentionId(), command.childId(), command.guardian(),
                                                     command.enrollmentId(), command.due()));
        }
    }

    @CommandHandler
    public void handle(PostponeChildDataErasureCommand command) {
        if (!erased && due != null) {
            apply(new ChildDataErasurePostponedEvent(retentionId));
        }
    }

    /** The child's key, when their data is due for erasure at {@code now} and not yet erased; else null. */
    String dueSubject(Instant now) {
        return erased || due == null || due.isAfter(now) ? null : Subjects.child(childId);
    }

    /** Erases the child's data, due at {@code now} ({@link #dueSubject}): the keys named are destroyed. */
    void erase(List<String> keyIds) {
        apply(new PersonalDataErasedEvent(retentionId + "@" + due, ErasureSubject.CHILD, guardian, enrollmentId,
                                          "retention", keyIds));
    }

    @EventSourcingHandler
    void on(ChildDataErasureScheduledEvent event) {
        retentionId = event.retentionId();
        childId = event.childId();
        guardian = event.guardian();
        enrollmentId = event.enrollmentId();
        due = event.due();
        erased = false;
    }

    @EventSourcingHandler
    void on(ChildDataErasurePostponedEvent event) {
        due = null;
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        erased = true;
    }

    ChildDataRetention() {
        // required by Axon
    }
}
