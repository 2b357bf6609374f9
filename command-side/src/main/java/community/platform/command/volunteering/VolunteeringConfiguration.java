package community.platform.command.volunteering;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Snapshots for volunteer posts, whose history grows with every sign-up and withdrawal. */
@Configuration
public class VolunteeringConfiguration {

    @Bean
    public SnapshotTriggerDefinition volunteerPostSnapshots(
            Snapshotter snapshotter, @Value("${platform.snapshots.volunteer-post:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
