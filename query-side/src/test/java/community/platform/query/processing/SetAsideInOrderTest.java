package community.platform.query.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue of events set aside, as a batch that comes again uses it: each event once, a record's in log order. */
class SetAsideInOrderTest {

    private static final String RECORD = "post-1";

    private final SetAsideInOrder queue = new SetAsideInOrder(InMemorySequencedDeadLetterQueue.defaultQueue());

    /** The record's event at {@code position} in the log, with the same identifier whenever it is read again. */
    private static EventMessage<?> event(long position) {
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Post", RECORD, position, "event " + position, MetaData.emptyInstance(),
                                                "event-" + position, Instant.EPOCH));
    }

    private static DeadLetter<EventMessage<?>> letter(EventMessage<?> event) {
        return new GenericDeadLetter<>(RECORD, event);
    }

    private List<Object> queued() {
        List<Object> payloads = new ArrayList<>();
        queue.deadLetterSequence(RECORD).forEach(letter -> payloads.add(letter.message().getPayload()));
        return payloads;
    }

    @Test
    void anEventSetAsideAgainIsQueuedOnce() {
        queue.enqueue(RECORD, letter(event(5)));
        queue.enqueue(RECORD, letter(event(5)));
        assertThat(queue.enqueueIfPresent(RECORD, () -> letter(event(5)))).isTrue();

        assertThat(queued()).containsExactly("event 5");
    }

    @Test
    void anEventBeforeTheRecordsFirstSetAsideIsHandledNotQueued() {
        queue.enqueue(RECORD, letter(event(5)));

        assertThat(queue.enqueueIfPresent(RECORD, () -> letter(event(3)))).isFalse();
        assertThat(queued()).containsExactly("event 5");
    }

    @Test
    void laterEventsOfTheRecordQueueBehindInOrder() {
        queue.enqueue(RECORD, letter(event(5)));

        assertThat(queue.enqueueIfPresent(RECORD, () -> letter(event(7)))).isTrue();
        assertThat(queue.enqueueIfPresent(RECORD, () -> letter(event(8)))).isTrue();
        assertThat(queued()).containsExactly("event 5", "event 7", "event 8");
        assertThat(queue.enqueueIfPresent("post-2", () -> letter(event(9)))).isFalse();
    }

    @Test
    void eventsWithoutAPlaceInTheLogQueueAsAxonWould() {
        queue.enqueue(RECORD, letter(event(5)));

        assertThat(queue.enqueueIfPresent(RECORD, () -> letter(GenericEventMessage.asEventMessage("untracked"))))
                .isTrue();
        assertThat(queued()).containsExactly("event 5", "untracked");
    }
}
