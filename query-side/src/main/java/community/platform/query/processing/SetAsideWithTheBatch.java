package community.platform.query.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A processor's queue of events set aside ({@link DeadLetters}) whose letters are written with the batch of events
 * that set them aside, not before. Axon writes a letter the moment a projection fails on its event; a batch that then
 * rolled back (its view writes failed) came again with the letter queued, and Axon queued the record's earlier events of
 * that batch behind it, out of the order of the log, and the letter a second time. Here, within a processor's batch, a
 * letter is held (and counts as queued for the batch's later events of its record) until the batch's last event has
 * been handled and its view writes are in: {@link #writing()} then writes the held letters, before the processor
 * stores its token. A batch that rolls back leaves none. Outside a batch (a letter handed back by a retry) the queue
 * is written at once. Only a process that dies between writing a batch's letters and storing its token leaves them
 * queued for the batch to come again behind, as Axon alone would.
 */
final class SetAsideWithTheBatch implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final String HELD = SetAsideWithTheBatch.class.getName();

    private record Held(SetAsideWithTheBatch queue, Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        void write() {
            queue.queue.enqueue(sequenceIdentifier, letter);
        }
    }

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;

    SetAsideWithTheBatch(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        this.queue = queue;
    }

    /**
     * For every event processor, around the interceptor that writes a batch's views: writes the letters the batch
     * holds once its last event has been handled and its views are written.
     */
    static MessageHandlerInterceptor<EventMessage<?>> writing() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
                write(unitOfWork);
            }
            return result;
        };
    }

    private static void write(UnitOfWork<?> unitOfWork) {
        List<Held> held = unitOfWork.resources().remove(HELD) instanceof List<?> list ? cast(list) : null;
        if (held != null) {
            held.forEach(Held::write);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Held> cast(List<?> list) {
        return (List<Held>) list;
    }

    /** The letters the batch in progress holds (a new list if {@code orNew}, else null if none); null outside one. */
    private static List<Held> held(boolean orNew) {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) {
            return null;
        }
        if (!orNew) {
            return batch.resources().get(HELD) instanceof List<?> list ? cast(list) : null;
        }
        return cast((List<?>) batch.resources().computeIfAbsent(HELD, key -> {
            // a batch that passes no interceptor (the start-up fast path) writes them as it commits
            batch.onPrepareCommit(SetAsideWithTheBatch::write);
            return new ArrayList<Held>();
        }));
    }

    private boolean holds(List<Held> held, Object sequenceIdentifier) {
        return held.stream().anyMatch(letter -> letter.queue() == this
                && letter.sequenceIdentifier().equals(sequenceIdentifier));
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        List<Held> held = held(true);
        if (held == null) {
            queue.enqueue(sequenceIdentifier, letter);
        } else {
            held.add(new Held(this, sequenceIdentifier, letter));
        }
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder)
            throws DeadLetterQueueOverflowException {
        if (!contains(sequenceIdentifier)) {
            return false;
        }
        enqueue(sequenceIdentifier, letterBuilder.get());
        return true;
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        List<Held> held = held(false);
        return (held != null && holds(held, sequenceIdentifier)) || queue.contains(sequenceIdentifier);
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
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(sequenceFilter, task);
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
