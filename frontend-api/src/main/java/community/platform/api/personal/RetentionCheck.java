package community.platform.api.personal;

import community.platform.api.web.Commands;
import community.platform.api.web.Views;
import community.platform.shared.personal.EraseExpiredChildDataCommand;
import community.platform.shared.personal.ListExpiredChildDataQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Instant;

/**
 * Has children's data erased once its retention period is over ({@code platform.personal-data.child-retention}
 * after their last course completed). Every instance checks, every {@code platform.personal-data.retention-check}
 * (an hour by default, the first a minute after start); each child's retention record decides once, so a second instance, or a check after a restart,
 * erases nothing twice.
 */
@Component
class RetentionCheck {

    private static final Logger log = LoggerFactory.getLogger(RetentionCheck.class);

    private final Views views;
    private final Commands commands;

    RetentionCheck(Views views, Commands commands) {
        this.views = views;
        this.commands = commands;
    }

    @Scheduled(fixedDelayString = "${platform.personal-data.retention-check:PT1H}",
               initialDelayString = "${platform.personal-data.retention-check-delay:PT1M}")
    void eraseExpired() {
        Instant now = GenericEventMessage.clock.instant(); // the events' clock, by which a course completed
        views.list(new ListExpiredChildDataQuery(now), String.class)
             .flatMapMany(Flux::fromIterable)
             .concatMap(retention -> commands.sendAs(new EraseExpiredChildDataCommand(retention, now), "retention",
                                                     "SYSTEM", null)
                                             .doOnError(e -> log.warn("Could not erase the expired data of {}: {}",
                                                                      retention, e.getMessage()))
                                             .onErrorComplete())
             .then()
             .block();
    }
}
