package community.platform.query.processing;

import community.platform.query.views.KeptViews;
import community.platform.query.views.ViewBatch;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Which events a projection failed on are set aside ({@link DeadLetters}), with the later events of their record: each
 * one, unless the view writes of the processor's batch failed. Those writes may be an earlier event's, and the whole
 * batch rolls back and comes again ({@link ViewBatch#failedInThisBatch()}), so the event is handled again in its place
 * rather than set aside ahead of the events before it. A letter handed back by its queue that fails again stays in it.
 */
class SetAsidePolicy implements EnqueuePolicy<EventMessage<?>> {

    private final KeptViews kept;
    private final String processor;

    SetAsidePolicy(KeptViews kept, String processor) {
        this.kept = kept;
        this.processor = processor;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (ViewBatch.failedInThisBatch()) {
            return Decisions.doNotEnqueue();
        }
        kept.setAside(processor);
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }
}
