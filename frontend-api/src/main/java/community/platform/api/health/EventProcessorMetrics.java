package community.platform.api.health;

import community.platform.api.web.Views;
import community.platform.shared.audit.ListProjectionsQuery;
import community.platform.shared.audit.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each event processor's lag (events behind the head) and dead letters (events set aside) as gauges, for
 * {@code /actuator/prometheus}: {@code platform_processor_lag_events{processor="…"}} and
 * {@code platform_processor_dead_letters{processor="…"}}. Read from the processors' status every 5 seconds, so a scrape
 * costs nothing.
 */
@Component
class EventProcessorMetrics {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final Views views;
    private final MeterRegistry registry;
    private final Map<String, ProjectionStatus> latest = new ConcurrentHashMap<>();
    private Disposable refreshing;

    EventProcessorMetrics(Views views, MeterRegistry registry) {
        this.views = views;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        refreshing = Flux.interval(Duration.ZERO, REFRESH)
                         .concatMap(tick -> views.list(new ListProjectionsQuery(), ProjectionStatus.class)
                                                 .onErrorResume(e -> Mono.empty()))
                         .subscribe(this::update);
    }

    private void update(List<ProjectionStatus> statuses) {
        for (ProjectionStatus status : statuses) {
            String name = status.name();
            if (latest.put(name, status) == null) {
                Gauge.builder("platform.processor.lag", latest, all -> all.get(name).lag())
                     .baseUnit("events").tag("processor", name)
                     .description("Events in the store that the processor has not handled yet")
                     .register(registry);
                Gauge.builder("platform.processor.dead.letters", latest, all -> all.get(name).deadLetters())
                     .tag("processor", name)
                     .description("Events the processor's projections failed on, set aside")
                     .register(registry);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (refreshing != null) {
            refreshing.dispose();
        }
    }
}
