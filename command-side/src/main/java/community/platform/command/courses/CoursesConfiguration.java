package community.platform.command.courses;

import community.platform.command.handling.ProcessesConfiguration;
import community.platform.command.handling.OwnCommits;
import community.platform.command.personal.ChildIds;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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
    public ConfigurerModule childWithdrawalsSendCommands(Environment environment) {
        return ProcessesConfiguration.sendingCommands(ChildWithdrawals.GROUP, environment);
    }

    @Bean
    EnrollmentRequests enrollmentRequests(Repository<Course> courseRepository, ChildIds childIds) {
        return new EnrollmentRequests(courseRepository, childIds);
    }

    /**
     * The enrollments' processes run side by side, in as many segments as configured (one enrollment's events stay in
     * one segment, in the order of the log; the course keeps its requests' order itself), each on a thread of its own
     * ({@link ProcessesConfiguration#sideBySide}). A step's commands commit as they go, and a batch retried after a
     * failure repeats steps that change nothing the second time. From the store's start: a request stored before the
     * processor first claims its token is never missed, and older events start no process
     * (see {@link EnrollmentProcess}). The segment count applies to a store where the processor has not run yet.
     */
    @Bean
    public ConfigurerModule enrollmentProcessesSideBySide(
            @Value("${platform.processes.enrollment-segments:16}") int segments) {
        return ProcessesConfiguration.sideBySide(EnrollmentProcess.class, "platform.processes.enrollment-segments",
                                                 segments);
    }

    @Bean
    public Repository<ChildSchedule> childScheduleRepository(TypedRepositories repositories) {
        return repositories.of(ChildSchedule.class);
    }
}
