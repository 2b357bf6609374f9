package community.platform.command.personal;

import community.platform.shared.personal.ChildDataErasurePostponedEvent;
import community.platform.shared.personal.ChildDataErasureScheduledEvent;
import community.platform.shared.personal.ChildDataRetentionClosedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import community.platform.shared.personal.Subjects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * How long a child's data is kept: the retention period after the end of every course they took or were asked into,
 * the latest of them. A course's end is its completion, or, until it completes, its planned last session (so a request
 * refused or withdrawn, or a course that never completes, still ends in an erasure). Once due it is erased, once: every
 * instance may ask, the record decides.
 */
@Aggregate
class ChildDataRetention {

    @AggregateIdentifier
    private String retentionId;
    private String childId;
    private String guardian;
    private String enrollmentId;
    /** When each enrollment's course lets the data go: the record is due at the latest of them. */
    private final Map<String, Instant> dues = new HashMap<>();
    private boolean erased;

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleChildDataErasureCommand command) {
        // after an erasure, a course taken since (under a new key) schedules the next one
        if (erased || !command.due().equals(dues.get(command.enrollmentId()))) {
            apply(new ChildDataErasureScheduledEvent(command.retentionId(), command.childId(), command.guardian(),
                                                     command.enrollmentId(), command.due()));
        }
    }

    private Instant due() {
        return dues.values().stream().max(Comparator.naturalOrder()).orElse(null);
    }

    /** The child's key, when their data is due for erasure at {@code now} and not yet erased; else null. */
    String dueSubject(Instant now) {
        Instant due = due();
        return erased || due == null || due.isAfter(now) ? null : Subjects.child(childId);
    }

    /** Erases the child's data, due at {@code now} ({@link #dueSubject}): the keys named are destroyed. */
    void erase(List<String> keyIds) {
        apply(new PersonalDataErasedEvent(retentionId + "@" + due(), ErasureSubject.CHILD, guardian, enrollmentId,
                                          "retention", keyIds));
    }

    /** Nothing left to erase when it fell due: the data was erased on request before. */
    void close() {
        apply(new ChildDataRetentionClosedEvent(retentionId));
    }

    @EventSourcingHandler
    void on(ChildDataErasureScheduledEvent event) {
        if (erased) {
            dues.clear();
            erased = false;
        }
        retentionId = event.retentionId();
        childId = event.childId();
        guardian = event.guardian();
        enrollmentId = event.enrollmentId();
        dues.put(event.enrollmentId(), event.due());
    }

    /** No longer written: earlier versions postponed the erasure until a new course completed. */
    @EventSourcingHandler
    void on(ChildDataErasurePostponedEvent event) {
        dues.clear();
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        erased = true;
    }

    @EventSourcingHandler
    void on(ChildDataRetentionClosedEvent event) {
        erased = true;
    }

    ChildDataRetention() {
        // required by Axon
    }
}
