package community.platform.command.courses;

import com.mongodb.client.MongoDatabase;
import community.platform.command.eventstore.EmbeddedMongo;
import community.platform.command.eventstore.EventSerialization;
import community.platform.command.eventstore.MongoEventStorageEngine;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.command.eventstore.personal.TestSecret;
import community.platform.command.neighbourhoods.NeighbourhoodPolicy;
import community.platform.command.neighbourhoods.TestNeighbourhoods;
import community.platform.command.personal.ChildIds;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CompleteCourseCommand;
import community.platform.shared.courses.ConfirmEnrollmentCommand;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.MarkAttendanceCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.personal.ChildDataNotice;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full term (40 sessions, 60 children requested and placed, 2,400 marks) on the real event store: courses are snapshotted, so loading
 * one reads its snapshot and at most a threshold's worth of events, not its whole history.
 */
class CourseSnapshotTest {

    private static final int THRESHOLD = 100;
    private static final Instant TERM_START = Instant.parse("2027-03-01T07:30:00Z");

    private EmbeddedMongo mongo;
    private MongoEventStorageEngine engine;
    private Configuration axon;
    private Clock realClock;

    @BeforeEach
    void start() {
        realClock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(TERM_START.minus(Duration.ofDays(7)), ZoneOffset.UTC);
        mongo = new EmbeddedMongo();
        MongoDatabase database = mongo.freshDatabase();
        // as the platform builds it: children's names are personal, encrypted in events and snapshots alike
        PersonalKeys keys = new PersonalKeys(database.getCollection("personalKeys"), TestSecret.SECRET);
        engine = MongoEventStorageEngine.builder().database(database)
                                        .eventSerializer(EventSerialization.serializer(keys))
                                        .snapshotSerializer(EventSerialization.snapshotSerializer(keys))
                                        .build();
        engine.ensureIndexes();
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureSerializer(c -> EventSerialization.serializer())
                                .registerCommandHandler(c -> new EnrollmentRequests(c.repository(Course.class), new ChildIds(TestSecret.SECRET)))
                                .configureEmbeddedEventStore(c -> engine)
                                .registerComponent(NeighbourhoodPolicy.class,
                                                   c -> TestNeighbourhoods.policy("nb-donghu", "zhang"))
                                .configureAggregate(AggregateConfigurer.defaultConfiguration(Course.class)
                                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                                c.snapshotter(), THRESHOLD)))
                                .start();
    }

    @AfterEach
    void stop() {
        GenericEventMessage.clock = realClock;
        axon.shutdown();
        mongo.close();
    }

    @Test
    void aFullTermLoadsFromItsSnapshot() {
        List<CourseSession> sessions = IntStream.range(0, 40).mapToObj(i -> {
            Instant start = TERM_START.plus(Duration.ofDays(i));
            return new CourseSession(0, start, start.plus(Duration.ofMinutes(90)), "Room 1");
        }).toList();
        send(new CreateCourseCommand("course-1", "zhang", "Homework help", "", "Teacher Wu", 1, 6, 60, sessions));
        send(new PublishCourseCommand("course-1", "zhang"));
        for (int child = 1; child <= 60; child++) {
            send(new EnrollChildCommand("course-1", "e-" + child, "guardian-" + child, "Child " + child, 3, true,
                                        ChildDataNotice.VERSION));
            // the enrollment process's step, once the child's time is held
            send(new ConfirmEnrollmentCommand("course-1", "e-" + child));
        }
        GenericEventMessage.clock = Clock.fixed(TERM_START.plus(Duration.ofDays(41)), ZoneOffset.UTC);
        for (int session = 1; session <= 40; session++) {
            int absent = session;
            send(new MarkAttendanceCommand("course-1", "zhang", session, IntStream.rangeClosed(1, 60).mapToObj(
                    child -> new MarkAttendanceCommand.Mark("e-" + child, child == absent ? AttendanceMark.ABSENT
                                                                                          : AttendanceMark.PRESENT))
                    .toList()));
        }

        long head = engine.lastSequenceNumberFor("course-1").orElseThrow();
        assertThat(head).isEqualTo(1 + 1 + 60 * 2 + 2400 - 1);
        long snapshot = engine.readSnapshot("course-1").orElseThrow().getSequenceNumber();
        DomainEventStream afterSnapshot = engine.readEvents("course-1", snapshot + 1);
        long readOnLoad = afterSnapshot.asStream().count();
        System.out.printf("course of %d events: snapshot at %d, a load reads %d events%n", head + 1, snapshot,
                          readOnLoad);
        assertThat(readOnLoad).isLessThanOrEqualTo(THRESHOLD);

        // and the state loaded from the snapshot is whole: children 1 to 40 each missed one session, the rest none
        send(new CompleteCourseCommand("course-1", "zhang"));
        var completed = engine.readEvents("course-1", head + 1).asStream().toList();
        assertThat(completed).hasSize(1);
        List<CourseCompletion> records = ((CourseCompletedEvent) completed.get(0).getPayload()).records();
        assertThat(records).hasSize(60)
                           .allMatch(CourseCompletion::completed)
                           .allSatisfy(r -> assertThat(r.attended()).isEqualTo(
                                   Integer.parseInt(r.enrollmentId().substring(2)) <= 40 ? 39 : 40));
    }

    private void send(Object command) {
        axon.commandGateway().sendAndWait(command);
    }
}
