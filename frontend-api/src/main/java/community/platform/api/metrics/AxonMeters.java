package community.platform.api.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Axon's meters (axon-micrometer) as {@code axon.metrics.micrometer.dimensional=true} makes them, one meter per measure
 * tagged with the message's type ({@code payloadType}), except an event processor's, which are tagged by the processor
 * alone ({@code processorName}): by processor and event type they would be every processor times every event type,
 * mostly events the processor ignores, each with timers of nine series per outcome, a scrape of megabytes. This module
 * takes the place of the one that property configures.
 * <p>
 * The capacity and latency gauges are registered here once per tag set. Axon's monitors register them again at every
 * message, which Micrometer answers with a warning in the log and then, at every message, a check whether to log it
 * again.
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
                    if (Stream.of(CommandBus.class, QueryBus.class, QueryUpdateEmitter.class)
                              .anyMatch(bus -> bus.isAssignableFrom(component))) {
                        return handlers(meters.getRegistry(), name);
                    }
                    return anyMessage(meters.registerComponentWithDefaultTags(component, name));
                });
            }
        };
    }

    /** Axon's meters of an event processor, named "eventProcessor" as its own module names them. */
    static MessageMonitor<EventMessage<?>> eventProcessor(MeterRegistry meters, Tags processor) {
        return new MultiMessageMonitor<>(MessageTimerMonitor.buildMonitor(PROCESSOR, meters, message -> processor),
                                         latency(meters, processor),
                                         capacity(meters, PROCESSOR, message -> processor),
                                         MessageCountingMonitor.buildMonitor(PROCESSOR, meters, message -> processor));
    }

    /** Axon's meters of a bus's handlers (commands, queries, query updates), by message type, as its own module's. */
    static MessageMonitor<Message<?>> handlers(MeterRegistry meters, String bus) {
        Function<Message<?>, Iterable<Tag>> type = TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION;
        return new MultiMessageMonitor<>(MessageTimerMonitor.buildMonitor(bus, meters, type),
                                         capacity(meters, bus, type),
                                         MessageCountingMonitor.buildMonitor(bus, meters, type));
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

    /**
     * The time spent handling messages over the last ten minutes, per unit of time (1: one thread busy), by tag set,
     * as Axon's; each tag set's gauge is there from its first message on.
     */
    private static <M extends Message<?>> MessageMonitor<M> capacity(MeterRegistry meters, String name,
                                                                     Function<M, Iterable<Tag>> tags) {
        long window = TimeUnit.MINUTES.toNanos(10);
        Clock clock = Clock.SYSTEM;
        Map<Tags, SlidingTimeWindowReservoir> handled = new ConcurrentHashMap<>();
        return message -> {
            SlidingTimeWindowReservoir handling = handled.computeIfAbsent(Tags.of(tags.apply(message)), tagged -> {
                var times = new SlidingTimeWindowReservoir(window, TimeUnit.NANOSECONDS, clock);
                Gauge.builder(name + ".capacity",
                              () -> times.getMeasurements().stream().mapToLong(Long::longValue).sum() / (double) window)
                     .tags(tagged).register(meters);
                return times;
            });
            long start = clock.monotonicTime();
            return new Handled(() -> handling.update(clock.monotonicTime() - start));
        };
    }

    /** However a message's handling ends, the same: its time counts. */
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
