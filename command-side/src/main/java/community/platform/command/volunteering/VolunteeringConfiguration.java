package community.platform.command.volunteering;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Volunteering's repositories, and snapshots for volunteer posts, whose history grows with every sign-up. */
@Configuration
public class VolunteeringConfiguration {

    @Bean
    public SnapshotTriggerDefinition volunteerPostSnapshots(
            Snapshotter snapshotter, @Value("${platform.snapshots.volunteer-post:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public Repository<VolunteerPost> volunteerPostRepository(
            TypedRepositories repositories, @Qualifier("volunteerPostSnapshots") SnapshotTriggerDefinition snapshots) {
        return repositories.of(VolunteerPost.class, snapshots);
    }

    @Bean
    public Repository<VolunteerSchedule> volunteerScheduleRepository(TypedRepositories repositories) {
        return repositories.of(VolunteerSchedule.class);
    }
}
