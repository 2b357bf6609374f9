package community.platform.command.courses;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The courses' repositories, and snapshots for courses: a term of attendance marks is thousands of events. */
@Configuration
public class CoursesConfiguration {

    @Bean
    public SnapshotTriggerDefinition courseSnapshots(
            Snapshotter snapshotter, @Value("${platform.snapshots.course:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public Repository<Course> courseRepository(TypedRepositories repositories,
                                               @Qualifier("courseSnapshots") SnapshotTriggerDefinition snapshots) {
        return repositories.of(Course.class, snapshots);
    }

    @Bean
    public Repository<ChildSchedule> childScheduleRepository(TypedRepositories repositories) {
        return repositories.of(ChildSchedule.class);
    }
}
