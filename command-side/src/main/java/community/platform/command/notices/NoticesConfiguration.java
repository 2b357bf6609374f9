package community.platform.command.notices;

import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inboxes' repository. */
@Configuration
public class NoticesConfiguration {

    @Bean
    public Repository<Inbox> inboxRepository(TypedRepositories repositories) {
        return repositories.of(Inbox.class);
    }
}
