package community.platform.command.personal;

import community.platform.command.eventstore.personal.TestSecret;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.command.eventstore.EmbeddedMongo;
import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.personal.ApproveErasureCommand;
import community.platform.shared.personal.ErasureRefusedEvent;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.RefuseErasureCommand;
import community.platform.shared.personal.RequestErasureCommand;
import community.platform.shared.personal.Subjects;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An erasure request: asked once, decided once by an ADMIN; carried out, it destroys the person's key. */
class ErasureRequestTest {

    private static final ErasureRequestedEvent ASKED = new ErasureRequestedEvent(
            "erasure-1", ErasureSubject.ACCOUNT, "lihua", null, "moving away");

    private static EmbeddedMongo mongo;
    private PersonalKeys keys;
    private AggregateTestFixture<ErasureRequest> fixture;

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
        fixture = new AggregateTestFixture<>(ErasureRequest.class);
        fixture.registerAnnotatedCommandHandler(new ErasureRequests(fixture.getRepository(), keys, null, null));
    }

    @Test
    void aPersonAsksForTheirAccountToBeErased() {
        fixture.givenNoPriorActivity()
               .when(new RequestErasureCommand("erasure-1", ErasureSubject.ACCOUNT, "lihua", null, "moving away"))
               .expectEvents(ASKED);
    }

    @Test
    void carryingItOutRecordsWhoDidItAndDestroysTheirKeyOnly() {
        String lihuas = keys.forWriting(Subjects.person("lihua")).id();
        String wangs = keys.forWriting(Subjects.person("wang")).id();

        fixture.given(ASKED)
               .when(new ApproveErasureCommand("erasure-1", "root"))
               .expectEvents(new PersonalDataErasedEvent("erasure-1", ErasureSubject.ACCOUNT, "lihua", null, "root",
                                                         List.of(lihuas)));

        assertThat(keys.forReading(lihuas)).isEmpty();
        assertThat(keys.forReading(wangs)).isPresent();
    }

    @Test
    void carryingOutAChildsErasureDestroysTheChildsKeyAndNotTheGuardians() {
        String childs = keys.forWriting(Subjects.child("c0ffee")).id();
        String guardians = keys.forWriting(Subjects.person("lihua")).id();

        fixture.given(new ErasureRequestedEvent("erasure-2", ErasureSubject.CHILD, "lihua", "e-1", null, "course-1",
                                                "c0ffee"))
               .when(new ApproveErasureCommand("erasure-2", "root"))
               .expectEvents(new PersonalDataErasedEvent("erasure-2", ErasureSubject.CHILD, "lihua", "e-1", "root",
                                                         List.of(childs)));

        assertThat(keys.forReading(childs)).isEmpty();
        assertThat(keys.forReading(guardians)).isPresent();
    }

    @Test
    void aPersonWithNoKeyYetIsErasedWithNoKeyToDestroy() {
        fixture.given(ASKED)
               .when(new ApproveErasureCommand("erasure-1", "root"))
               .expectEvents(new PersonalDataErasedEvent("erasure-1", ErasureSubject.ACCOUNT, "lihua", null, "root",
                                                         List.of()));
    }

    @Test
    void anAdminMayRefuseWithAReason() {
        fixture.given(ASKED)
               .when(new RefuseErasureCommand("erasure-1", "root", "volunteer hours must be kept for the insurance"))
               .expectEvents(new ErasureRefusedEvent("erasure-1", "root",
                                                     "volunteer hours must be kept for the insurance"));
    }

    @Test
    void aRequestIsDecidedOnce() {
        fixture.given(ASKED, new ErasureRefusedEvent("erasure-1", "root", "kept"))
               .when(new ApproveErasureCommand("erasure-1", "root"))
               .expectException(RuleViolatedException.class).expectNoEvents();
        fixture.given(ASKED, new PersonalDataErasedEvent("erasure-1", ErasureSubject.ACCOUNT, "lihua", null, "root",
                                                         List.of()))
               .when(new RefuseErasureCommand("erasure-1", "root", "too late"))
               .expectException(RuleViolatedException.class).expectNoEvents();
    }
}
