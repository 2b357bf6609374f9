package community.platform.api.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Map;

/** UP while every event processor runs without error; the details name each one's state and position. */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
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
        health.status(allRunning ? Status.UP : Status.DOWN);
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
