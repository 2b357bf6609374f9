package community.platform.query.personal;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.personal.ConsentRecord;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.ListConsentsQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** The consents guardians gave, for their own copy, against the embedded server through the query handler. */
class ConsentProjectionTest {

    private static final Instant GIVEN = Instant.parse("2027-03-01T02:00:00Z");
    private static final Instant LATER = Instant.parse("2027-03-05T02:00:00Z");
    private static final Instant WITHDRAWN = Instant.parse("2027-04-01T02:00:00Z");

    private EmbeddedMongo mongo;
    private ConsentProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new ConsentProjection(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Mono<List<ConsentRecord>> consentsOf(String guardian) {
        return Mono.fromFuture(() -> projection.handle(new ListConsentsQuery(guardian)));
    }

    private void requested(String course, String enrollment, String guardian, String childName, String childId,
                           boolean consent, Instant at) {
        projection.on(new EnrollmentRequestedEvent(course, enrollment, guardian, childName, 3, "Paper cutting",
                                                   List.of(), consent, consent ? "2026-11" : null, childId), at);
    }

    @Test
    void eachConsentGivenIsListedForItsGuardianOnlyWithoutTheChildsName() {
        requested("course-2", "e-2", "lihua", "Li Xiaoming", "child-1", true, LATER);
        requested("course-1", "e-1", "lihua", "Li Xiaoming", "child-1", true, GIVEN);
        requested("course-1", "e-3", "wangfang", "Wang Xiaohong", "child-2", true, GIVEN);
        requested("course-1", "e-4", "lihua", "Li Xiaoming", "child-1", false, GIVEN);

        StepVerifier.create(consentsOf("lihua"))
                    .expectNext(List.of(new ConsentRecord("e-1", "course-1", "Paper cutting", "2026-11", GIVEN, null),
                                        new ConsentRecord("e-2", "course-2", "Paper cutting", "2026-11", LATER,
                                                          null)))
                    .verifyComplete();
        StepVerifier.create(Mono.from(mongo.database().getCollection(ConsentProjection.COLLECTION).find().first())
                                .map(view -> view.toJson().contains("Xiao")))
                    .expectNext(false)
                    .verifyComplete();
    }

    /** The requests and the withdrawals are different records, so in different segments either may come first. */
    @Test
    void aWithdrawalHandledBeforeAConsentGivenEarlierStillWithdrawsIt() {
        projection.on(new ErasureRequestedEvent("er-1", ErasureSubject.CHILD, "lihua", "e-9", null, "course-9",
                                                "child-1"), WITHDRAWN);
        requested("course-1", "e-1", "lihua", "Li Xiaoming", "child-1", true, GIVEN);
        requested("course-2", "e-2", "lihua", "Li Xiaoming", "child-1", true, WITHDRAWN.plusSeconds(60));
        requested("course-3", "e-3", "wangfang", "Wang Xiaohong", "child-1", true, GIVEN);

        StepVerifier.create(consentsOf("lihua").map(list -> list.stream().map(ConsentRecord::withdrawnAt).toList()))
                    .as("the consent given before it is withdrawn; the one given after stands")
                    .expectNext(java.util.Arrays.asList(WITHDRAWN, null))
                    .verifyComplete();
        StepVerifier.create(consentsOf("wangfang").map(list -> list.stream().map(ConsentRecord::withdrawnAt).toList()))
                    .as("another guardian's consent is theirs to withdraw")
                    .expectNext(java.util.Arrays.asList((Instant) null))
                    .verifyComplete();
    }

    /** Instances' clocks differ: a withdrawal that names the enrollment withdraws it, even stamped before it. */
    @Test
    void aWithdrawalNamingTheEnrollmentWithdrawsItWhateverTheClocks() {
        requested("course-1", "e-1", "lihua", "Li Xiaoming", "child-1", true, LATER);
        projection.on(new ErasureRequestedEvent("er-1", ErasureSubject.CHILD, "lihua", "e-1", null, "course-1",
                                                null), GIVEN);

        StepVerifier.create(consentsOf("lihua").map(list -> list.get(0).withdrawnAt())).expectNext(GIVEN)
                    .verifyComplete();
    }

    /** The code before withdrew every consent for the child it had seen, even one given after the withdrawal. */
    @Test
    void aStoredWithdrawalBeforeTheConsentWasGivenDoesNotCount() {
        requested("course-1", "e-1", "lihua", "Li Xiaoming", "child-1", true, LATER);
        requested("course-2", "e-2", "lihua", "Li Xiaoming", "child-1", true, GIVEN);
        StepVerifier.create(Flux.concat(
                            mongo.database().getCollection(ConsentProjection.COLLECTION).updateOne(
                                    new Document("_id", "e-1"), Updates.set("withdrawnAt", Date.from(GIVEN))),
                            mongo.database().getCollection(ConsentProjection.COLLECTION).updateOne(
                                    new Document("_id", "e-2"), Updates.set("withdrawnAt", Date.from(WITHDRAWN))))
                                .then())
                    .verifyComplete();

        StepVerifier.create(consentsOf("lihua").map(list -> list.stream().map(ConsentRecord::withdrawnAt).toList()))
                    .expectNext(java.util.Arrays.asList(WITHDRAWN, null))
                    .verifyComplete();
    }

    @Test
    void aRequestToEraseAChildsDataWithdrawsEveryConsentForThatChildOnce() {
        requested("course-1", "e-1", "lihua", "Li Xiaoming", "child-1", true, GIVEN);
        requested("course-2", "e-2", "lihua", "Li Xiaoming", "child-1", true, LATER);
        requested("course-2", "e-3", "lihua", "Li Xiaohua", "child-3", true, LATER);

        projection.on(new ErasureRequestedEvent("er-1", ErasureSubject.CHILD, "lihua", "e-1", null, "course-1",
                                                "child-1"), WITHDRAWN);
        projection.on(new ErasureRequestedEvent("er-2", ErasureSubject.CHILD, "lihua", "e-2", null, "course-2",
                                                "child-1"), LATER.plusSeconds(86_400 * 60));

        StepVerifier.create(consentsOf("lihua").map(list -> list.stream().map(ConsentRecord::withdrawnAt).toList()))
                    .expectNext(java.util.Arrays.asList(WITHDRAWN, WITHDRAWN, null))
                    .verifyComplete();
    }

    @Test
    void anEventHandledAgainChangesNothing() {
        requested("course-1", "e-1", "lihua", "Li Xiaoming", "child-1", true, GIVEN);
        projection.on(new ErasureRequestedEvent("er-1", ErasureSubject.CHILD, "lihua", "e-1", null, "course-1",
                                                "child-1"), WITHDRAWN);
        requested("course-1", "e-1", "lihua", "Li Xiaoming", "child-1", true, LATER);

        StepVerifier.create(consentsOf("lihua"))
                    .expectNext(List.of(new ConsentRecord("e-1", "course-1", "Paper cutting", "2026-11", GIVEN,
                                                          WITHDRAWN)))
                    .verifyComplete();
    }
}
