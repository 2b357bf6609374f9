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
 * one, unless what failed were the view writes of the batch, which may be an earlier event's
 * ({@link ViewBatch#failedInThisBatch()}): the batch comes again whole, this event with it. A letter handed back by its
 * queue that fails again stays in it.
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
