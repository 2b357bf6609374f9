package community.platform.api.health;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Says once, when health first answers UP, where to open the platform, with what this start has to tell a person
 * (the passwords of demo accounts made on it), so that it is the last thing they read and true when they read it.
 */
@Component
public class ReadyReport {

    private static final Logger log = LoggerFactory.getLogger(ReadyReport.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final HealthEndpoint health;
    private final Environment environment;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private Disposable waiting;

    ReadyReport(HealthEndpoint health, Environment environment) {
        this.health = health;
        this.environment = environment;
    }

    /** Adds a note to say when the platform is ready. */
    public void add(String note) {
        notes.add(note);
    }

    @EventListener(ApplicationReadyEvent.class)
    void awaitUp() {
        waiting = Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic())
                      .filter(tick -> Status.UP.equals(health.health().getStatus()))
                      .next()
                      .subscribe(up -> log.info("Ready: open http://localhost:{}/{}",
                                                environment.getProperty("local.server.port"),
                                                String.join("", notes)));
    }

    @PreDestroy
    void stop() {
        if (waiting != null) {
            waiting.dispose();
        }
    }
}
