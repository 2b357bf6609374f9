package community.platform.command.handling;

import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * {@code platform.clock-offset} (default 0) shifts the clock this instance stamps its events with, as a machine whose
 * clock is off would. The fault tests use it to run two instances whose clocks differ; nothing orders events by
 * their timestamps (streams by sequence, the log by position), which is what they check.
 */
@Configuration
class EventClock {

    private static final Logger log = LoggerFactory.getLogger(EventClock.class);

    EventClock(@Value("${platform.clock-offset:0s}") Duration offset) {
        if (!offset.isZero()) {
            GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), offset);
            log.warn("Events are stamped with a clock {} off the system clock (platform.clock-offset)", offset);
        }
    }
}
