package community.platform.command.courses;

import community.platform.command.handling.ProcessesConfiguration;
import community.platform.command.handling.OwnCommits;
import community.platform.command.personal.ChildIds;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The courses' repositories, snapshots for courses (a term of attendance marks is thousands of events), and how the
 * enrollment process reads the events.
 */
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
    public Guardianship guardianship(Repository<Course> courseRepository, ChildIds childIds) {
        return new Guardianship(courseRepository, childIds);
    }

    @Bean
    ChildWithdrawals childWithdrawals(OwnCommits ownCommits) {
        return new ChildWithdrawals(ownCommits);
    }

    @Bean
    EnrollmentRequests enrollmentRequests(Repository<Course> courseRepository, ChildIds childIds) {
        return new EnrollmentRequests(courseRepository, childIds);
    }

    /**
     * One segment: the process sees every course's events in the order they were stored, so a withdrawal's time is
     * given back before a later request of the same child is held. One event a batch: its token is stored after each,
     * so a restart handles again at most the event it was on. From the store's start: a request stored before the
     * processor first claims its token is never missed, and older events start no process (see
     * {@link EnrollmentProcess}).
     */
    @Bean
    public ConfigurerModule enrollmentProcessOneEventAtATime() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                ProcessesConfiguration.processingGroup(EnrollmentProcess.class),
                (config, builder) -> builder.initialSegmentCount(1).batchSize(1)
                                            .initialToken(StreamableMessageSource::createTailToken));
    }

    @Bean
    public Repository<ChildSchedule> childScheduleRepository(TypedRepositories repositories) {
        return repositories.of(ChildSchedule.class);
    }
}
