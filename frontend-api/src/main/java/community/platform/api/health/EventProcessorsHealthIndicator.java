package community.platform.api.health;

import community.platform.api.web.Views;
import community.platform.shared.audit.ListProcessorReadinessQuery;
import community.platform.shared.audit.ProcessorReadiness;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DOWN while an event processor is stopped or failed. Otherwise UP once every processor has caught up since this
 * instance started: its segments are held (here, or by another live instance) and it has reached the head of the log
 * as it was at start ({@link ListProcessorReadinessQuery}); OUT_OF_SERVICE until then, so that a request sent after UP
 * finds the views current. Part of the readiness group, and so of {@code /actuator/health}. The details name each
 * processor's state and position, and what it still waits for.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final Views views;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, Views views) {
        this.processing = processing;
        this.views = views;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean allRunning = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            boolean running = processor.isRunning() && !processor.isError();
            allRunning &= running;
            health.withDetail(entry.getKey(), describe(processor, running));
        }
        if (!allRunning) {
            health.status(Status.DOWN);
            return;
        }
        List<ProcessorReadiness> waiting = views.list(new ListProcessorReadinessQuery(), ProcessorReadiness.class)
                                                .block(QUERY_TIMEOUT).stream()
                                                .filter(processor -> !processor.ready()).toList();
        waiting.forEach(processor -> health.withDetail(processor.name() + " waits for", processor.waitingFor()));
        health.status(waiting.isEmpty() ? Status.UP : Status.OUT_OF_SERVICE);
    }

    private static String describe(EventProcessor processor, boolean running) {
        String state = running ? "running" : processor.isError() ? "error" : "stopped";
        if (processor instanceof StreamingEventProcessor streaming) {
            long position = streaming.processingStatus().values().stream()
                                     .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                                     .min().orElse(-1);
            return state + ", position " + position;
        }
        return state;
    }
}
