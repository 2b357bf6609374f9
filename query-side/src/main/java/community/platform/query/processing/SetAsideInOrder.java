package community.platform.query.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

import java.util.Iterator;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A processor's queue of events set aside ({@link DeadLetters}) that stays in the order of the log when a batch of
 * events is handled again. Axon writes a letter the moment a projection fails on its event, not when the batch
 * commits; a batch that then rolls back (its view writes failed, or the process died before its token was stored)
 * comes again with its letters already queued. Axon would then queue the record's earlier events of that batch behind
 * them, and the set-aside event a second time. This queue instead:
 * <ul>
 *     <li>takes an event once: an event already set aside is not queued again;</li>
 *     <li>does not take an event as "its record has events set aside" when it comes before the first of them in the
 *     log: it was handled before that one was set aside, and is handled again in its place.</li>
 * </ul>
 * Letters without a position in the log (a processor's all have one) are queued as Axon would. Once a record's
 * earlier event has been handled so, Axon handles that batch's later events of the record too rather than asking here;
 * an event among them that fails again is not queued twice, and one that now succeeds stays queued as well, to be
 * applied again by a retry, which the projections' sequence checks allow.
 */
final class SetAsideInOrder implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;

    SetAsideInOrder(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        if (!queued(sequenceIdentifier, letter.message())) {
            queue.enqueue(sequenceIdentifier, letter);
        }
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder)
            throws DeadLetterQueueOverflowException {
        if (!queue.contains(sequenceIdentifier)) {
            return false;
        }
        DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
        Iterator<DeadLetter<? extends EventMessage<?>>> queued = queue.deadLetterSequence(sequenceIdentifier).iterator();
        if (queued.hasNext() && before(letter.message(), queued.next().message())) {
            return false;
        }
        enqueue(sequenceIdentifier, letter);
        return true;
    }

    private static boolean before(EventMessage<?> event, EventMessage<?> other) {
        OptionalLong position = position(event);
        OptionalLong otherPosition = position(other);
        return position.isPresent() && otherPosition.isPresent() && position.getAsLong() < otherPosition.getAsLong();
    }

    /** Whether this very event is among the letters of its sequence already. */
    private boolean queued(Object sequenceIdentifier, EventMessage<?> event) {
        for (DeadLetter<? extends EventMessage<?>> queued : queue.deadLetterSequence(sequenceIdentifier)) {
            if (queued.message().getIdentifier().equals(event.getIdentifier())) {
                return true;
            }
        }
        return false;
    }

    private static OptionalLong position(EventMessage<?> event) {
        return event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position() : OptionalLong.empty();
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return queue.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
