package community.platform.command.personal;

import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The erasure requests' repository: a request is read from its own stream. */
@Configuration
public class PersonalDataConfiguration {

    @Bean
    public Repository<ErasureRequest> erasureRequestRepository(TypedRepositories repositories) {
        return repositories.of(ErasureRequest.class);
    }
}
