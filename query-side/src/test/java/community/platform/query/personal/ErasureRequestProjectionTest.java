package community.platform.query.personal;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.personal.ErasureRefusedEvent;
import community.platform.shared.personal.ErasureRequestSummary;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureStatus;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.FindErasureRequestQuery;
import community.platform.shared.personal.ListErasureRequestsQuery;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The ADMINs' queue of erasure requests against the embedded server, read back through its query handlers. */
class ErasureRequestProjectionTest {

    private static final Instant ASKED = Instant.parse("2027-03-01T02:00:00Z");
    private static final Instant DECIDED = Instant.parse("2027-03-02T02:00:00Z");

    private EmbeddedMongo mongo;
    private ErasureRequestProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new ErasureRequestProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Mono<Optional<ErasureRequestSummary>> find(String requestId) {
        return Mono.fromFuture(() -> projection.handle(new FindErasureRequestQuery(requestId)));
    }

    private void requested(String requestId, String username, Instant at) {
        projection.on(new ErasureRequestedEvent(requestId, ErasureSubject.ACCOUNT, username, null, "moving away"), 0,
                      at);
    }

    @Test
    void aRequestWaitsForAnAdminWithoutItsReason() {
        requested("er-1", "lihua", ASKED);

        StepVerifier.create(find("er-1"))
                    .expectNext(Optional.of(new ErasureRequestSummary("er-1", ErasureSubject.ACCOUNT, "lihua", "lihua",
                                                                      ASKED, ErasureStatus.REQUESTED, null, null,
                                                                      null)))
                    .verifyComplete();
        StepVerifier.create(Mono.from(mongo.database().getCollection(ErasureRequestProjection.COLLECTION).find()
                                           .first()).map(document -> document.toJson().contains("moving away")))
                    .expectNext(false)
                    .verifyComplete();
    }

    @Test
    void anApprovalIsDoneWithWhoAndWhen() {
        requested("er-1", "lihua", ASKED);
        projection.on(new PersonalDataErasedEvent("er-1", ErasureSubject.ACCOUNT, "lihua", null, "admin",
                                                  List.of("key-1")), 1, DECIDED);

        StepVerifier.create(find("er-1").map(Optional::orElseThrow))
                    .expectNextMatches(request -> request.status() == ErasureStatus.DONE
                            && request.decidedBy().equals("admin") && request.decidedAt().equals(DECIDED)
                            && request.refusalReason() == null)
                    .verifyComplete();
    }

    @Test
    void aRefusalKeepsItsReason() {
        requested("er-1", "lihua", ASKED);
        projection.on(new ErasureRefusedEvent("er-1", "admin", "hours records must be kept"), 1, DECIDED);

        StepVerifier.create(find("er-1").map(Optional::orElseThrow))
                    .expectNextMatches(request -> request.status() == ErasureStatus.REFUSED
                            && request.decidedBy().equals("admin")
                            && request.refusalReason().equals("hours records must be kept"))
                    .verifyComplete();
    }

    @Test
    void theQueueListsRequestsOldestFirstAndADecisionTwiceChangesNothing() {
        requested("er-2", "wangfang", DECIDED);
        requested("er-1", "lihua", ASKED);
        projection.on(new ErasureRefusedEvent("er-1", "admin", "kept"), 1, DECIDED);
        projection.on(new PersonalDataErasedEvent("er-1", ErasureSubject.ACCOUNT, "lihua", null, "other",
                                                  List.of()), 1, DECIDED);

        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new ListErasureRequestsQuery())))
                    .expectNextMatches(list -> list.stream().map(ErasureRequestSummary::requestId).toList()
                                                   .equals(List.of("er-1", "er-2"))
                            && list.get(0).status() == ErasureStatus.REFUSED
                            && list.get(1).status() == ErasureStatus.REQUESTED)
                    .verifyComplete();
    }

    @Test
    void anUnknownRequestIsEmptyAndAResetClearsTheQueue() {
        requested("er-1", "lihua", ASKED);
        projection.reset();

        StepVerifier.create(find("er-1")).expectNext(Optional.empty()).verifyComplete();
    }
}
