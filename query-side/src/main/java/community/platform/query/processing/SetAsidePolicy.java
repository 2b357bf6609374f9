package community.platform.query.processing;

import community.platform.query.views.KeptViews;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Events a projection failed on are set aside ({@link DeadLetters}), with the later events of their record; their
 * letters are written with the batch ({@link SetAsideWithTheBatch}), so a batch whose view writes failed (whichever
 * event's they were) rolls back without setting anything aside. A letter handed back by its queue that fails again
 * stays in it.
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
        kept.setAside(processor);
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }
}
