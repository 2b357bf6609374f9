package community.platform.command.certificates;

import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class CertificatesConfiguration {

    @Bean
    public Repository<Certificate> certificateRepository(TypedRepositories repositories) {
        return repositories.of(Certificate.class);
    }
}
