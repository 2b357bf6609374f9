package community.platform.api.metrics;

import io.micrometer.core.instrument.Tags;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
                        Tags processor = Tags.of("processorName", name);
                        // "eventProcessor": the meters' name, as Axon's own module gives it
                        return anyMessage(meters.registerEventProcessor("eventProcessor", message -> processor,
                                                                        message -> processor));
                    }
                    return anyMessage(meters.registerComponentWithDefaultTags(component, name));
                });
            }
        };
    }

    /** Axon's monitors take the messages of their component; the configurer asks for them as monitors of any. */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> anyMessage(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }
}
