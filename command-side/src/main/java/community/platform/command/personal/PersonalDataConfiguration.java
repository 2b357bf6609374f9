package community.platform.command.personal;

import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The repositories of erasure requests and of auditors' looks at personal data: each in its own stream. */
@Configuration
public class PersonalDataConfiguration {

    @Bean
    public Repository<ErasureRequest> erasureRequestRepository(TypedRepositories repositories) {
        return repositories.of(ErasureRequest.class);
    }

    @Bean
    public Repository<PersonalDataAccess> personalDataAccessRepository(TypedRepositories repositories) {
        return repositories.of(PersonalDataAccess.class);
    }
}
