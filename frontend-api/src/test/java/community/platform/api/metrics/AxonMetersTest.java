package community.platform.api.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AxonMetersTest {

    @Test
    void aProcessorsLatencyIsTheAgeOfTheLastEventAndItsGaugesAreRegisteredOnce() {
        MeterRegistry meters = new SimpleMeterRegistry();
        Logger micrometer = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
        Level level = micrometer.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        micrometer.addAppender(log);
        micrometer.setLevel(Level.DEBUG);
        try {
            var monitor = AxonMeters.eventProcessor(meters, Tags.of("processorName", "views"));
            assertThat(meters.find("eventProcessor.latency").gauge()).as("no latency before the first event").isNull();
            monitor.onMessageIngested(event(Instant.now().minusSeconds(60))).reportSuccess();
            monitor.onMessageIngested(event(Instant.now().minusSeconds(2))).reportSuccess();
        } finally {
            micrometer.detachAppender(log);
            micrometer.setLevel(level);
        }

        double latency = meters.get("eventProcessor.latency").tag("processorName", "views").gauge().value();
        assertThat(latency).isBetween(2_000.0, 10_000.0);
        assertThat(meters.get("eventProcessor.ingestedCounter").tag("processorName", "views").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("eventProcessor.capacity").tag("processorName", "views").gauge().value())
                .isGreaterThan(0);
        assertThat(log.list).map(ILoggingEvent::getFormattedMessage)
                            .noneMatch(line -> line.contains("already registered"));
    }

    private static EventMessage<?> event(Instant at) {
        return new GenericEventMessage<>("id-" + at, "payload", MetaData.emptyInstance(), at);
    }
}
