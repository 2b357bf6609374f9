package community.platform.api.neighbourhoods;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * At start-up, the migration to neighbourhoods: the default neighbourhood is named (once; later starts find it), so
 * the posts, events and courses made before there were neighbourhoods, which name none, belong to one the list shows.
 */
@Component
class DefaultNeighbourhood implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultNeighbourhood.class);

    private final Neighbourhoods neighbourhoods;

    DefaultNeighbourhood(Neighbourhoods neighbourhoods) {
        this.neighbourhoods = neighbourhoods;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (Boolean.TRUE.equals(neighbourhoods.nameTheDefault().block(Duration.ofSeconds(30)))) {
            log.info("Named the default neighbourhood (platform.neighbourhoods.default-name): records made before "
                             + "there were neighbourhoods belong to it, and every organizer may publish there");
        }
    }
}
