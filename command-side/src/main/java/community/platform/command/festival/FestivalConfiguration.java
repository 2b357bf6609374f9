package community.platform.command.festival;

import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The festival's repositories: events and venues. */
@Configuration
public class FestivalConfiguration {

    @Bean
    public Repository<FestivalEvent> festivalEventRepository(TypedRepositories repositories) {
        return repositories.of(FestivalEvent.class);
    }

    @Bean
    public Repository<Venue> venueRepository(TypedRepositories repositories) {
        return repositories.of(Venue.class);
    }
}
