package community.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import java.util.List;

/**
 * Warnings known to be harmless from loggers whose other warnings are worth seeing, dropped by their message. (A
 * logger that says nothing else of use is quieted by its level in application.yml instead.) {@code QuietStartTest}
 * fails on any other warning at start.
 */
public final class KnownWarnings extends TurboFilter {

    private record Known(String logger, String messageStart, String messagePart) {
    }

    private static final List<Known> KNOWN = List.of(
            // The embedded MongoDB server builds unique indexes but no others, and says so for each non-unique
            // index asked for: fourteen at every start, from Axon's dead-letter queues (by processing group, and by
            // processing group and sequence). Without them a dead-letter lookup reads its whole collection, which
            // stays small; a real MongoDB builds them.
            new Known("de.bwaldvogel.mongo.backend.AbstractMongoDatabase", "adding secondary index with keys", ""),
            // At a stop the embedded server closes the connections still open: the platform's drivers, closed just
            // before, may not have finished closing theirs, and an outside client (mongosh) may be connected. Every
            // write was committed when it was answered, so nothing is lost.
            new Known("de.bwaldvogel.mongo.MongoServer", "Closing {} clients", ""));

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable failure) {
        if (level != Level.WARN || format == null) {
            return FilterReply.NEUTRAL;
        }
        for (Known known : KNOWN) {
            if (logger.getName().equals(known.logger()) && format.startsWith(known.messageStart())
                    && format.contains(known.messagePart())) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    /**
     * Adds the filter once Spring Boot has set up Logback, which it does again (clearing every filter) for each
     * application started in the process: the platform, its store mode, each test's.
     */
    public static final class Installer implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging
                    && logging.getTurboFilterList().stream().noneMatch(KnownWarnings.class::isInstance)) {
                KnownWarnings filter = new KnownWarnings();
                filter.start();
                logging.addTurboFilter(filter);
            }
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 1;
        }
    }
}
