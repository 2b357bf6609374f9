package community.platform.query.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.Iterator;
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
 * stores its token. A batch that rolls back leaves none. The start-up fast path stores tokens itself, every few
 * seconds: its letters wait ({@link Parked}) until the token that covers their events is about to be stored. Outside a
 * batch a letter is written at once. Letters written stay when the batch still fails after them (its token could not
 * be stored, a claim lost; or the process died in between): the batch then comes again behind them, as with Axon
 * alone.
 */
final class SetAsideWithTheBatch implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final String HELD = SetAsideWithTheBatch.class.getName();

    private record Held(SetAsideWithTheBatch queue, Object sequenceIdentifier,
                        DeadLetter<? extends EventMessage<?>> letter) {
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
        if (held == null) {
            return;
        }
        if (unitOfWork.getResource(PARKED) instanceof Parked parked) {
            parked.letters.addAll(held);
        } else {
            held.forEach(Held::write);
        }
    }

    private static final String PARKED = Parked.class.getName();

    /**
     * For a path that hands a processor's invoker batches of its own and stores the tokens itself, later (the start-up
     * fast path): the letters its batches set aside, kept until the tokens that cover their events are stored.
     */
    static final class Parked {

        private final List<Held> letters = new ArrayList<>();

        /** Makes the letters that {@code unitOfWork} sets aside wait here. */
        void parkFrom(UnitOfWork<?> unitOfWork) {
            unitOfWork.resources().put(PARKED, this);
        }

        /** Writes, in order, the letters of events that {@code stored} covers; call it just before storing that token. */
        void writeUpTo(TrackingToken stored) {
            long upTo = stored.position().orElse(Long.MAX_VALUE);
            for (Iterator<Held> held = letters.iterator(); held.hasNext(); ) {
                Held letter = held.next();
                if (!(letter.letter().message() instanceof TrackedEventMessage<?> event)
                        || event.trackingToken().position().orElse(Long.MIN_VALUE) <= upTo) {
                    letter.write();
                    held.remove();
                }
            }
        }

        /** Forgets the letters not written: their events come again, to the processor, from the tokens stored. */
        void discard() {
            letters.clear();
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
            // a batch that passes no interceptor writes them as it commits (or parks them: Parked)
            batch.onPrepareCommit(SetAsideWithTheBatch::write);
            return new ArrayList<Held>();
        }));
    }

    /** Whether the path running the batch in progress has parked a letter of this sequence (of an earlier batch). */
    private boolean parked(Object sequenceIdentifier) {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getResource(PARKED) instanceof Parked parked
                && holds(parked.letters, sequenceIdentifier);
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
            return;
        }
        if (queue.isFull(sequenceIdentifier)) {
            throw new DeadLetterQueueOverflowException(sequenceIdentifier);
        }
        held.add(new Held(this, sequenceIdentifier, letter));
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
        return (held != null && holds(held, sequenceIdentifier)) || parked(sequenceIdentifier)
                || queue.contains(sequenceIdentifier);
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
