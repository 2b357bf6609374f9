package community.platform.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's meters (axon-micrometer) as {@code axon.metrics.micrometer.dimensional=true} makes them, one meter per measure
 * tagged with the message's type ({@code payloadType}), except an event processor's, which are tagged by the processor
 * alone ({@code processorName}): by processor and event type they would be every processor times every event type,
 * mostly events the processor ignores, each with timers of nine series per outcome, a scrape of megabytes. This module
 * takes the place of the one that property configures.
 */
@Configuration
class AxonMeters {

    @Bean
    MetricsConfigurerModule axonMessageMonitors(GlobalMetricRegistry meters) {
        return new MetricsConfigurerModule(meters, true) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(axon -> (component, name) -> {
                    if (EventProcessor.class.isAssignableFrom(component)) {
                        return anyMessage(eventProcessor(meters.getRegistry(), Tags.of("processorName", name)));
                    }
                    return anyMessage(meters.registerComponentWithDefaultTags(component, name));
                });
            }
        };
    }

    /**
     * Axon's meters of an event processor, named "eventProcessor" as its own module names them. The latency is a gauge
     * registered here once: Axon's latency monitor registers its gauge again at every event, which Micrometer answers
     * with a warning in the log and then, at every event, a check whether to log it again.
     */
    static MessageMonitor<EventMessage<?>> eventProcessor(MeterRegistry meters, Tags processor) {
        AtomicLong latency = new AtomicLong();
        Gauge.builder("eventProcessor.latency", latency::get).tags(processor).register(meters);
        MessageMonitor<EventMessage<?>> latest = event -> {
            latency.set(System.currentTimeMillis() - event.getTimestamp().toEpochMilli());
            return NoOpMessageMonitorCallback.INSTANCE;
        };
        return new MultiMessageMonitor<>(MessageTimerMonitor.buildMonitor("eventProcessor", meters, m -> processor),
                                         latest,
                                         CapacityMonitor.buildMonitor("eventProcessor", meters, m -> processor),
                                         MessageCountingMonitor.buildMonitor("eventProcessor", meters, m -> processor));
    }

    /** Axon's monitors take the messages of their component; the configurer asks for them as monitors of any. */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> anyMessage(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }
}
