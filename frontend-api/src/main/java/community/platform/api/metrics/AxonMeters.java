package community.platform.api.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** The name of an event processor's meters, as Axon's own module gives it. */
    private static final String PROCESSOR = "eventProcessor";

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
     * Axon's meters of an event processor, named "eventProcessor" as its own module names them. Its latency and capacity
     * gauges are registered here once each: Axon's monitors register them again at every event, which Micrometer
     * answers with a warning in the log and then, at every event, a check whether to log it again.
     */
    static MessageMonitor<EventMessage<?>> eventProcessor(MeterRegistry meters, Tags processor) {
        return new MultiMessageMonitor<>(MessageTimerMonitor.buildMonitor(PROCESSOR, meters, message -> processor),
                                         latency(meters, processor),
                                         capacity(meters, processor),
                                         MessageCountingMonitor.buildMonitor(PROCESSOR, meters, message -> processor));
    }

    /** How old the last event the processor took was, in ms; there from its first event on, as Axon's own. */
    private static MessageMonitor<EventMessage<?>> latency(MeterRegistry meters, Tags processor) {
        AtomicLong millis = new AtomicLong();
        AtomicBoolean registered = new AtomicBoolean();
        return event -> {
            millis.set(System.currentTimeMillis() - event.getTimestamp().toEpochMilli());
            if (registered.compareAndSet(false, true)) {
                Gauge.builder(PROCESSOR + ".latency", millis::get).tags(processor).register(meters);
            }
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }

    /** The time spent handling events over the last ten minutes, per unit of time (1: one thread busy), as Axon's. */
    private static MessageMonitor<EventMessage<?>> capacity(MeterRegistry meters, Tags processor) {
        long window = TimeUnit.MINUTES.toNanos(10);
        Clock clock = Clock.SYSTEM;
        SlidingTimeWindowReservoir handling = new SlidingTimeWindowReservoir(window, TimeUnit.NANOSECONDS, clock);
        Gauge.builder(PROCESSOR + ".capacity",
                      () -> handling.getMeasurements().stream().mapToLong(Long::longValue).sum() / (double) window)
             .tags(processor).register(meters);
        return event -> {
            long start = clock.monotonicTime();
            return new Handled(() -> handling.update(clock.monotonicTime() - start));
        };
    }

    /** However an event's handling ends, the same: its time counts. */
    private record Handled(Runnable end) implements MessageMonitor.MonitorCallback {

        @Override
        public void reportSuccess() {
            end.run();
        }

        @Override
        public void reportFailure(Throwable cause) {
            end.run();
        }

        @Override
        public void reportIgnored() {
            end.run();
        }
    }

    /** Axon's monitors take the messages of their component; the configurer asks for them as monitors of any. */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> anyMessage(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }
}
