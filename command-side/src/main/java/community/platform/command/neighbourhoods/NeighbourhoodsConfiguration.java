package community.platform.command.neighbourhoods;

import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class NeighbourhoodsConfiguration {

    @Bean
    public Repository<Neighbourhood> neighbourhoodRepository(TypedRepositories repositories) {
        return repositories.of(Neighbourhood.class);
    }

    /** Asked by the records made in a neighbourhood (a handler's parameter, resolved as a bean). */
    @Bean
    public NeighbourhoodPolicy neighbourhoodPolicy(Repository<Neighbourhood> neighbourhoodRepository) {
        return new NeighbourhoodPolicy(neighbourhoodRepository);
    }
}
