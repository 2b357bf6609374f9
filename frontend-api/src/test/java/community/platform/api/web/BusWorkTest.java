package community.platform.api.web;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.Message;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command or query whose caller stops waiting runs to its end on its thread, uninterrupted: Reactor's
 * {@code subscribeOn} interrupted it, cutting a command off half-way and leaving Axon's unit-of-work timer running.
 */
class BusWorkTest {

    /** What the handler saw: "done" when it ran to its end, "interrupted" when it was cut off. */
    private final AtomicReference<String> outcome = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);

    private String work() {
        started.countDown();
        try {
            outcome.set(release.await(10, TimeUnit.SECONDS) && !Thread.currentThread().isInterrupted() ? "done"
                                                                                                        : "timed out");
        } catch (InterruptedException e) {
            outcome.set("interrupted");
        } finally {
            ended.countDown();
        }
        return outcome.get();
    }

    @Test
    void aCommandWhoseCallerGoesAwayRunsToItsEnd() throws Exception {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> work());
        Commands commands = new Commands(DefaultCommandGateway.builder().commandBus(bus).build());

        goesAway(commands.sendAs("enroll", "guardian", "RESIDENT", null).subscribe());

        assertThat(outcome.get()).isEqualTo("done");
    }

    @Test
    void aQueryWhoseCallerGoesAwayRunsToItsEnd() throws Exception {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(String.class.getName(), String.class, (Message<?> query) -> work());
        Views views = new Views(DefaultQueryGateway.builder().queryBus(bus).build(), Duration.ofSeconds(10),
                                Duration.ofSeconds(1));

        goesAway(views.find("course", String.class).subscribe());

        assertThat(outcome.get()).isEqualTo("done");
    }

    @Test
    void aCommandsAnswerAndItsRefusalReachTheCaller() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> {
            if (command.getPayload().equals("refused")) {
                throw new IllegalStateException("The course is full");
            }
            return "seated";
        });
        Commands commands = new Commands(DefaultCommandGateway.builder().commandBus(bus).build());

        StepVerifier.create(commands.<String>sendAs("enroll", "guardian", "RESIDENT", null))
                    .expectNext("seated").verifyComplete();
        StepVerifier.create(commands.sendAs("refused", "guardian", "RESIDENT", null))
                    .expectErrorSatisfies(refusal -> assertThat(refusal).isInstanceOf(IllegalStateException.class)
                                                                        .hasMessage("The course is full"))
                    .verify(Duration.ofSeconds(10));
    }

    /** The caller cancels while the handler runs; then the handler may finish. */
    private void goesAway(Disposable caller) throws InterruptedException {
        assertThat(started.await(10, TimeUnit.SECONDS)).as("the handler started").isTrue();
        caller.dispose();
        Thread.sleep(100);
        release.countDown();
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the handler ended").isTrue();
    }
}
