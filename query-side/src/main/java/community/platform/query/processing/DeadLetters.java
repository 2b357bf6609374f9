package community.platform.query.processing;

import community.platform.shared.audit.ListDeadLettersQuery;
import community.platform.shared.audit.RetryDeadLettersCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events a projection failed on. Each processor sets them aside in a sequenced dead-letter queue (Axon's, kept in
 * MongoDB, see {@link ProcessingConfiguration}): the event, and every later event of the same record, wait there
 * while the processor goes on with the other records. Once the cause is fixed, an operator retries them.
 */
@Component
class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final StartUpFastPath fastPath;

    public DeadLetters(EventProcessingConfiguration processing, StartUpFastPath fastPath) {
        this.processing = processing;
        this.fastPath = fastPath;
    }

    /** How many events the processor has set aside (0 for one without a queue). */
    public long count(String processor) {
        return count(processing, processor);
    }

    /** The same, for the processors' own configuration, which is made before this component. */
    static long count(EventProcessingConfiguration processing, String processor) {
        return processing.deadLetterQueue(processor).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    @QueryHandler
    public List<ListDeadLettersQuery.DeadLetter> handle(ListDeadLettersQuery query) {
        List<ListDeadLettersQuery.DeadLetter> letters = new ArrayList<>();
        queue(query.name()).ifPresent(queue -> queue.deadLetters().forEach(sequence -> sequence.forEach(letter -> {
            EventMessage<?> event = letter.message();
            letters.add(new ListDeadLettersQuery.DeadLetter(
                    event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier(),
                    event.getPayloadType().getSimpleName(),
                    event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1,
                    letter.cause().map(cause -> cause.type() + ": " + cause.message()).orElse(null),
                    letter.enqueuedAt(), letter.lastTouched()));
        })));
        return letters;
    }

    /**
     * Each record's events in turn, oldest first; a record whose events fail again stays set aside (and is not tried
     * twice in one retry). Null for an unknown processor. None is tried while the processor catches up on this
     * instance's {@link StartUpFastPath}, which keeps documents of its views in memory meanwhile.
     */
    @CommandHandler
    public RetryDeadLettersCommand.Result handle(RetryDeadLettersCommand command) {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> retrying =
                processing.sequencedDeadLetterProcessor(command.name());
        if (retrying.isEmpty()) {
            return null;
        }
        if (fastPath.takes(command.name())) {
            return new RetryDeadLettersCommand.Result(command.name(), 0, count(command.name()));
        }
        long sequences = queue(command.name()).map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
        int retried = 0;
        for (long i = 0; i < sequences; i++) {
            if (retrying.get().processAny()) {
                retried++;
            }
        }
        return new RetryDeadLettersCommand.Result(command.name(), retried, count(command.name()));
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String processor) {
        return processing.deadLetterQueue(processor);
    }
}
