package community.platform.command.courses;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Snapshots for courses: a term of attendance marks is thousands of events. */
@Configuration
public class CoursesConfiguration {

    @Bean
    public SnapshotTriggerDefinition courseSnapshots(
            Snapshotter snapshotter, @Value("${platform.snapshots.course:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
