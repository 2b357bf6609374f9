package community.platform.query.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * Compares the positions of the processor's segments held here with the head of the log. Segments another instance
 * holds are not waited for, nor is a processor that is stopped or failing: their readers get the view as it is. The
 * wait is bounded ({@code platform.views.caught-up-timeout}), so a processor far behind (a dead letter, a rebuild)
 * answers late, never not at all.
 */
@Component
class ProcessorsCaughtUp implements CaughtUp {

    private static final Duration POLL = Duration.ofMillis(10);

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final Duration atMost;

    ProcessorsCaughtUp(EventProcessingConfiguration processing, EventStorageEngine storage,
                       @Value("${platform.views.caught-up-timeout:2s}") Duration atMost) {
        this.processing = processing;
        this.storage = storage;
        this.atMost = atMost;
    }

    @Override
    public Mono<Void> await(String processor) {
        return Mono.fromCallable(() -> ProcessingConfiguration.headPosition(storage))
                   .flatMap(head -> Mono.fromCallable(() -> reached(processor, head))
                                        .filter(Boolean::booleanValue)
                                        .repeatWhenEmpty(tries -> tries.delayElements(POLL)))
                   .timeout(atMost, Mono.just(false))
                   .subscribeOn(Schedulers.boundedElastic())
                   .then();
    }

    private boolean reached(String name, long head) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                         .filter(StreamingEventProcessor::isRunning)
                         .map(processor -> processor.processingStatus().values().stream()
                                                    .allMatch(segment -> reached(segment, head)))
                         .orElse(true);
    }

    private static boolean reached(EventTrackerStatus segment, long head) {
        return segment.isErrorState() || segment.getCurrentPosition().orElse(-1L) >= head;
    }
}
