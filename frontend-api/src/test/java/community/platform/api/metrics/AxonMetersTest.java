package community.platform.api.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AxonMetersTest {

    @Test
    void aProcessorsLatencyIsTheAgeOfTheLastEventAndItsGaugesAreRegisteredOnce() {
        MeterRegistry meters = new SimpleMeterRegistry();
        List<String> warnings = micrometerLog(() -> {
            var monitor = AxonMeters.eventProcessor(meters, Tags.of("processorName", "views"));
            assertThat(meters.find("eventProcessor.latency").gauge()).as("no latency before the first event").isNull();
            monitor.onMessageIngested(event(Instant.now().minusSeconds(60))).reportSuccess();
            monitor.onMessageIngested(event(Instant.now().minusSeconds(2))).reportSuccess();
        });

        double latency = meters.get("eventProcessor.latency").tag("processorName", "views").gauge().value();
        assertThat(latency).isBetween(2_000.0, 10_000.0);
        assertThat(meters.get("eventProcessor.ingestedCounter").tag("processorName", "views").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("eventProcessor.capacity").tag("processorName", "views").gauge().value())
                .isGreaterThan(0);
        assertThat(warnings).noneMatch(line -> line.contains("already registered"));
    }

    @Test
    void aBusHasItsMetersByMessageTypeAndEachCapacityGaugeIsRegisteredOnce() {
        MeterRegistry meters = new SimpleMeterRegistry();
        List<String> warnings = micrometerLog(() -> {
            var monitor = AxonMeters.handlers(meters, "commandBus");
            monitor.onMessageIngested(GenericCommandMessage.asCommandMessage("one")).reportSuccess();
            monitor.onMessageIngested(GenericCommandMessage.asCommandMessage("two")).reportFailure(new Exception());
            monitor.onMessageIngested(GenericCommandMessage.asCommandMessage(3)).reportSuccess();
        });

        assertThat(meters.get("commandBus.ingestedCounter").tag("payloadType", "String").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("commandBus.capacity").tag("payloadType", "String").gauge().value()).isGreaterThan(0);
        assertThat(meters.get("commandBus.capacity").tag("payloadType", "Integer").gauge().value()).isGreaterThan(0);
        assertThat(warnings).noneMatch(line -> line.contains("already registered"));
    }

    /** What Micrometer logged, down to debug, while {@code work} ran. */
    private static List<String> micrometerLog(Runnable work) {
        Logger micrometer = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
        Level level = micrometer.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        micrometer.addAppender(log);
        micrometer.setLevel(Level.DEBUG);
        try {
            work.run();
        } finally {
            micrometer.detachAppender(log);
            micrometer.setLevel(level);
        }
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static EventMessage<?> event(Instant at) {
        return new GenericEventMessage<>("id-" + at, "payload", MetaData.emptyInstance(), at);
    }
}
