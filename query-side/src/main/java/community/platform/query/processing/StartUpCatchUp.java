package community.platform.query.processing;

import community.platform.shared.audit.ListProcessorReadinessQuery;
import community.platform.shared.audit.ProcessorReadiness;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each event processor has caught up since this instance started, the part of the instance's readiness that
 * is about its views: every segment is held, here or by another instance counted live ({@link SegmentBalancer}), and
 * those held here have reached the head of the log as it was when this instance started. A processor that has caught
 * up stays so: a segment that changes hands later (an instance joining, or dying) does not take a running instance out
 * of service; from then on the processors' health is whether they run.
 */
@Component
class StartUpCatchUp {

    private final EventProcessingConfiguration processing;
    private final SegmentBalancer balancer;
    private final StartUpFastPath fastPath;
    private final long headAtStart;
    private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();

    public StartUpCatchUp(EventProcessingConfiguration processing, EventStorageEngine storage,
                          SegmentBalancer balancer, StartUpFastPath fastPath) {
        this.processing = processing;
        this.balancer = balancer;
        this.fastPath = fastPath;
        this.headAtStart = ProcessingConfiguration.headPosition(storage);
    }

    @QueryHandler
    public List<ProcessorReadiness> handle(ListProcessorReadinessQuery query) {
        return processing.eventProcessors().entrySet().stream().sorted(Map.Entry.comparingByKey())
                         .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                         .map(entry -> readiness(entry.getKey(), (StreamingEventProcessor) entry.getValue()))
                         .toList();
    }

    private ProcessorReadiness readiness(String name, StreamingEventProcessor processor) {
        String waitingFor = caughtUp.contains(name) ? null : waitingFor(name, processor);
        if (waitingFor == null) {
            caughtUp.add(name);
        }
        return new ProcessorReadiness(name, waitingFor == null, waitingFor);
    }

    /** What the processor still waits for, or null once it has caught up. */
    private String waitingFor(String name, StreamingEventProcessor processor) {
        String fast = fastPath.waitingFor(name);
        if (fast != null) {
            return fast;
        }
        if (!processor.isRunning()) {
            return "the processor to run";
        }
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        boolean perInstance = ProcessingConfiguration.perInstance(processing, name);
        int[] segments = processing.tokenStore(name).fetchSegments(name);
        if (segments.length == 0) {
            return "its segments to be made";
        }
        Set<Integer> elsewhere = perInstance ? Set.of() : balancer.heldElsewhere(name);
        int[] unheld = Arrays.stream(segments)
                             .filter(segment -> !held.containsKey(segment) && !elsewhere.contains(segment))
                             .toArray();
        if (unheld.length > 0) {
            return "segments " + Arrays.toString(unheld) + " to be claimed";
        }
        long behind = held.values().stream().mapToLong(status -> status.getCurrentPosition().orElse(-1))
                          .filter(position -> position < headAtStart).count();
        return behind > 0 ? behind + " segments to reach position " + headAtStart : null;
    }
}
