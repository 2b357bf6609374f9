package community.platform.command.volunteering;

import community.platform.command.eventstore.TypedRepositories;
import community.platform.command.handling.ProcessesConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Volunteering's repositories, snapshots for volunteer posts (whose history grows with every sign-up), the handler of
 * sign-up requests, and the duties process's processor.
 */
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

    @Bean
    public Repository<PostSeries> postSeriesRepository(TypedRepositories repositories) {
        return repositories.of(PostSeries.class);
    }

    @Bean
    SignUpRequests signUpRequests(Repository<VolunteerPost> volunteerPostRepository,
                                  Repository<VolunteerSchedule> volunteerScheduleRepository) {
        return new SignUpRequests(volunteerPostRepository, volunteerScheduleRepository);
    }

    /**
     * The duties processes of different posts run side by side, in as many segments as configured (one post's events
     * stay in one segment, in the order of the log). A step's commands commit as they go, and a batch retried after a
     * failure repeats steps that change nothing the second time. It starts at the beginning of the log (Axon starts a
     * saga's processor at its end): on a store with posts from before the process existed, every post gets its process,
     * and their sign-ups' time is held again where it was given back, as the posts say it should be. The segment count
     * applies to a store where the processor has not run yet; an existing processor keeps its segments.
     */
    @Bean
    public ConfigurerModule postDutiesSideBySide(@Value("${platform.processes.post-duties-segments:4}") int segments) {
        return ProcessesConfiguration.sideBySide(PostDutiesSaga.class, "platform.processes.post-duties-segments",
                                                 segments);
    }

    @Bean
    public ConfigurerModule postSeriesSegments(@Value("${platform.processes.post-series-segments:4}") int segments) {
        return ProcessesConfiguration.segments(PostSeriesSaga.class, "platform.processes.post-series-segments",
                                               segments);
    }
}
