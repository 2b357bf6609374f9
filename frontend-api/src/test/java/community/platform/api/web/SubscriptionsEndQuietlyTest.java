package community.platform.api.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wait for a pushed answer ends as soon as the answer comes, while the query side may still be emitting updates to
 * the same subscription (a projection emits a decision more than once). An update the emitter had picked up just
 * before the end must not fail: when the wait closed its subscription, which completes it, such an update failed on
 * the completed subscription and Axon logged an ERROR ("An error happened while trying to inform update handler about
 * the error") that was no fault at all; a suite run of the benchmarks logged 24 of them.
 */
class SubscriptionsEndQuietlyTest {

    record Decision(String requestId) {
    }

    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final Logger emitterLog = (Logger) LoggerFactory.getLogger(SimpleQueryUpdateEmitter.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Views views;

    @BeforeEach
    void queryBus() {
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        bus.subscribe(Decision.class.getName(), String.class, query -> null); // not decided yet
        views = new Views(DefaultQueryGateway.builder().queryBus(bus).build(), Duration.ofSeconds(1),
                          Duration.ofSeconds(1));
        logged.start();
        emitterLog.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        emitterLog.detachAppender(logged);
    }

    @Test
    void updatesEmittedWhileAWaitForAPushedAnswerEndsFailNothing() throws Exception {
        for (int request = 0; request < 2000; request++) {
            Decision decision = new Decision("request-" + request);
            CompletableFuture<String> answer = views.pushed(decision, String.class).toFuture();
            for (int update = 0; update < 200 && emitter.activeSubscriptions().stream()
                                                         .anyMatch(query -> decision.equals(query.getPayload()));
                 update++) {
                emitter.emit(Decision.class, decision::equals, Optional.of("CONFIRMED"));
            }
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("CONFIRMED");
        }
        assertThatThrownBy(() -> views.pushed(new Decision("never decided"), String.class).block())
                .hasCauseInstanceOf(TimeoutException.class);

        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                               .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(emitter.activeSubscriptions()).as("every subscription ended, answered or not").isEmpty();
    }
}
