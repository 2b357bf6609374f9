package community.platform.query.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Letters of events set aside, held by the batch that set them aside: counted as queued within it, written as it
 * commits, gone if it rolls back; written at once outside a batch. (With a processor, the letters are written before
 * its token: {@code FailedViewWritesTest}.)
 */
class SetAsideWithTheBatchTest {

    private static final String RECORD = "post-1";

    private final SequencedDeadLetterQueue<EventMessage<?>> stored = InMemorySequencedDeadLetterQueue.defaultQueue();
    private final SetAsideWithTheBatch queue = new SetAsideWithTheBatch(stored);

    private static DeadLetter<EventMessage<?>> letter(String event) {
        return new GenericDeadLetter<>(RECORD, GenericEventMessage.asEventMessage(event));
    }

    private List<Object> storedLetters() {
        List<Object> payloads = new ArrayList<>();
        stored.deadLetterSequence(RECORD).forEach(letter -> payloads.add(letter.message().getPayload()));
        return payloads;
    }

    /** Runs {@code step} in a batch of one event, which rolls back if the step throws. */
    private static void inABatch(Runnable step) {
        new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("event")))
                .executeWithResult(() -> {
                    step.run();
                    return null;
                }, RollbackConfigurationType.ANY_THROWABLE);
    }

    @Test
    void outsideABatchALetterIsWrittenAtOnce() {
        queue.enqueue(RECORD, letter("a"));

        assertThat(storedLetters()).containsExactly("a");
    }

    @Test
    void aBatchHoldsItsLettersCountsThemAsQueuedAndWritesThemInOrderAsItCommits() {
        List<Boolean> seenWithin = new ArrayList<>();
        inABatch(() -> {
            queue.enqueue(RECORD, letter("a"));
            seenWithin.add(stored.contains(RECORD));
            seenWithin.add(queue.contains(RECORD));
            seenWithin.add(queue.enqueueIfPresent(RECORD, () -> letter("b")));
            seenWithin.add(queue.enqueueIfPresent("post-2", () -> letter("c")));
        });

        assertThat(seenWithin).containsExactly(false, true, true, false);
        assertThat(storedLetters()).containsExactly("a", "b");
    }

    @Test
    void aBatchThatRollsBackLeavesNoLetter() {
        inABatch(() -> {
            queue.enqueue(RECORD, letter("a"));
            throw new IllegalStateException("the batch's view writes failed");
        });

        assertThat(stored.size()).isZero();
        assertThat(queue.contains(RECORD)).isFalse();
    }

    private static DeadLetter<EventMessage<?>> letterAt(long position) {
        return new GenericDeadLetter<>(RECORD, new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(position), GenericEventMessage.asEventMessage("at " + position)));
    }

    @Test
    void aPathThatStoresItsOwnTokensCountsItsParkedLettersAndWritesThemJustBeforeTheTokenThatCoversThem() {
        SetAsideWithTheBatch.Parked parked = new SetAsideWithTheBatch.Parked();
        inABatch(() -> {
            parked.parkFrom(CurrentUnitOfWork.get());
            queue.enqueue(RECORD, letterAt(3));
            queue.enqueue(RECORD, letterAt(5));
            queue.enqueue(RECORD, letterAt(8));
        });
        assertThat(stored.size()).isZero();
        List<Boolean> queuedInTheNextBatch = new ArrayList<>();
        inABatch(() -> {
            parked.parkFrom(CurrentUnitOfWork.get());
            queuedInTheNextBatch.add(queue.contains(RECORD));
            queuedInTheNextBatch.add(queue.contains("post-2"));
        });
        assertThat(queuedInTheNextBatch).containsExactly(true, false);

        parked.writeUpTo(new GlobalSequenceTrackingToken(5));
        assertThat(storedLetters()).containsExactly("at 3", "at 5");

        parked.discard();
        parked.writeUpTo(new GlobalSequenceTrackingToken(9));
        assertThat(storedLetters()).containsExactly("at 3", "at 5");
    }
}
