package community.platform.command.festival;

import community.platform.command.eventstore.TypedRepositories;
import community.platform.command.handling.ProcessesConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The festival's repositories (events and venues) and the segments of its venue bookings' processes. */
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

    @Bean
    public ConfigurerModule venueBookingSegments(@Value("${platform.processes.venue-booking-segments:4}") int segments) {
        return ProcessesConfiguration.segments(VenueBookingSaga.class, "platform.processes.venue-booking-segments",
                                               segments);
    }
}
