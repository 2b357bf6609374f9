package community.platform.command.personal;

import community.platform.command.eventstore.personal.TestSecret;
import community.platform.command.eventstore.EmbeddedMongo;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.shared.personal.ChildDataErasurePostponedEvent;
import community.platform.shared.personal.ChildDataErasureScheduledEvent;
import community.platform.shared.personal.ChildDataRetentionClosedEvent;
import community.platform.shared.personal.EraseExpiredChildDataCommand;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.ScheduleChildDataErasureCommand;
import community.platform.shared.personal.Subjects;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A child's data is kept for the retention period after their last course, then erased once. */
class ChildDataRetentionTest {

    private static final String ID = "retention-c0ffee";
    private static final Instant DUE = Instant.parse("2028-07-01T00:00:00Z");
    private static final ChildDataErasureScheduledEvent SCHEDULED = new ChildDataErasureScheduledEvent(
            ID, "c0ffee", "lihua", "e-1", DUE);

    private static EmbeddedMongo mongo;
    private PersonalKeys keys;
    private AggregateTestFixture<ChildDataRetention> fixture;

    @BeforeAll
    static void startServer() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void fixture() {
        keys = TestSecret.keysIn(mongo.freshDatabase());
        fixture = new AggregateTestFixture<>(ChildDataRetention.class);
        fixture.registerAnnotatedCommandHandler(new ErasureRequests(null, keys, null, fixture.getRepository()));
    }

    @Test
    void eachCourseKeepsTheDataUntilItsOwnEndAndTheLatestDecides() {
        fixture.givenNoPriorActivity()
               .when(new ScheduleChildDataErasureCommand(ID, "c0ffee", "lihua", "e-1", DUE))
               .expectEvents(SCHEDULED);
        fixture.given(SCHEDULED)
               .when(new ScheduleChildDataErasureCommand(ID, "c0ffee", "lihua", "e-1", DUE))
               .expectNoEvents();
        // a second course ending later moves the erasure on
        ChildDataErasureScheduledEvent later = new ChildDataErasureScheduledEvent(ID, "c0ffee", "lihua", "e-2",
                                                                                  DUE.plusSeconds(86_400));
        fixture.given(SCHEDULED)
               .when(new ScheduleChildDataErasureCommand(ID, "c0ffee", "lihua", "e-2", DUE.plusSeconds(86_400)))
               .expectEvents(later);
        fixture.given(SCHEDULED, later)
               .when(new EraseExpiredChildDataCommand(ID, DUE.plusSeconds(1)))
               .expectNoEvents();
        // one ending earlier is recorded, but does not bring it back
        fixture.given(SCHEDULED, new ChildDataErasureScheduledEvent(ID, "c0ffee", "lihua", "e-0",
                                                                    DUE.minusSeconds(86_400)))
               .when(new EraseExpiredChildDataCommand(ID, DUE.minusSeconds(1)))
               .expectNoEvents();
    }

    @Test
    void aCourseCompletedBeforeItsPlannedLastSessionLetsTheDataGoEarlier() {
        Instant completedEarly = DUE.minusSeconds(30L * 86_400);
        String childs = keys.forWriting(Subjects.child("c0ffee")).id();
        fixture.given(SCHEDULED, new ChildDataErasureScheduledEvent(ID, "c0ffee", "lihua", "e-1", completedEarly))
               .when(new EraseExpiredChildDataCommand(ID, completedEarly))
               .expectEvents(new PersonalDataErasedEvent(ID + "@" + completedEarly, ErasureSubject.CHILD, "lihua",
                                                         "e-1", "retention", List.of(childs)));
    }

    @Test
    void nothingIsErasedBeforeItIsDueOrWhilePostponedAsEarlierVersionsRecorded() {
        fixture.given(SCHEDULED)
               .when(new EraseExpiredChildDataCommand(ID, DUE.minusSeconds(1)))
               .expectNoEvents();
        fixture.given(SCHEDULED, new ChildDataErasurePostponedEvent(ID))
               .when(new EraseExpiredChildDataCommand(ID, DUE.plusSeconds(1)))
               .expectNoEvents();
    }

    @Test
    void dataErasedOnRequestBeforeItWasDueClosesTheRecordWithoutASecondErasure() {
        fixture.given(SCHEDULED)
               .when(new EraseExpiredChildDataCommand(ID, DUE))
               .expectEvents(new ChildDataRetentionClosedEvent(ID));
        fixture.given(SCHEDULED, new ChildDataRetentionClosedEvent(ID))
               .when(new EraseExpiredChildDataCommand(ID, DUE.plusSeconds(3600)))
               .expectNoEvents();
        // enrolled again since: a new course opens the record
        fixture.given(SCHEDULED, new ChildDataRetentionClosedEvent(ID))
               .when(new ScheduleChildDataErasureCommand(ID, "c0ffee", "lihua", "e-9", DUE.plusSeconds(3600)))
               .expectEvents(new ChildDataErasureScheduledEvent(ID, "c0ffee", "lihua", "e-9", DUE.plusSeconds(3600)));
    }

    @Test
    void onceDueTheChildsKeyIsDestroyedOnceAndTheGuardiansKept() {
        String childs = keys.forWriting(Subjects.child("c0ffee")).id();
        String guardians = keys.forWriting(Subjects.person("lihua")).id();
        PersonalDataErasedEvent erased = new PersonalDataErasedEvent(ID + "@" + DUE, ErasureSubject.CHILD, "lihua",
                                                                     "e-1", "retention", List.of(childs));

        fixture.given(SCHEDULED)
               .when(new EraseExpiredChildDataCommand(ID, DUE))
               .expectEvents(erased);
        assertThat(keys.forReading(childs)).isEmpty();
        assertThat(keys.forReading(guardians)).isPresent();

        fixture.given(SCHEDULED, erased)
               .when(new EraseExpiredChildDataCommand(ID, DUE.plusSeconds(3600)))
               .expectNoEvents();
        fixture.given(SCHEDULED, erased)
               .when(new ScheduleChildDataErasureCommand(ID, "c0ffee", "lihua", "e-9", DUE.plusSeconds(3600)))
               .expectEvents(new ChildDataErasureScheduledEvent(ID, "c0ffee", "lihua", "e-9", DUE.plusSeconds(3600)))
               .expectState(retention -> assertThat(retention.dueSubject(DUE.plusSeconds(3600)))
                       .as("a course taken since the erasure is erased in its turn").isEqualTo(Subjects.child("c0ffee")));
    }
}
