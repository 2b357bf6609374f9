package community.platform.query.personal;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.personal.ChildDataErasureScheduledEvent;
import community.platform.shared.personal.ChildDataRetentionClosedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.ListExpiredChildDataQuery;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.util.List;

/** Which children's data is due for erasure: the latest of their courses' dues, against the embedded server. */
class ChildDataRetentionProjectionTest {

    private static final String ID = "retention-c0ffee";
    private static final Instant DUE = Instant.parse("2028-07-01T00:00:00Z");
    private static final long DAY = 86_400;

    private EmbeddedMongo mongo;
    private ChildDataRetentionProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new ChildDataRetentionProjection(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Mono<List<String>> expiredAt(Instant now) {
        return Mono.fromFuture(() -> projection.handle(new ListExpiredChildDataQuery(now)));
    }

    private void scheduled(long sequence, String enrollmentId, Instant due) {
        projection.on(new ChildDataErasureScheduledEvent(ID, "c0ffee", "lihua", enrollmentId, due), sequence);
    }

    @Test
    void aRecordIsDueAtTheLatestOfItsCoursesDuesAndNotOnceErased() {
        scheduled(0, "e-1", DUE);
        scheduled(1, "e-2", DUE.plusSeconds(2 * DAY));

        StepVerifier.create(expiredAt(DUE.plusSeconds(DAY))).expectNext(List.of()).verifyComplete();
        StepVerifier.create(expiredAt(DUE.plusSeconds(3 * DAY))).expectNext(List.of(ID)).verifyComplete();

        // the second course completed before its planned last session
        scheduled(2, "e-2", DUE.minusSeconds(DAY));
        StepVerifier.create(expiredAt(DUE.plusSeconds(DAY))).expectNext(List.of(ID)).verifyComplete();

        projection.on(new PersonalDataErasedEvent(ID + "@" + DUE, ErasureSubject.CHILD, "lihua", "e-1", "retention",
                                                  List.of("key-1")), 3);
        StepVerifier.create(expiredAt(DUE.plusSeconds(DAY))).expectNext(List.of()).verifyComplete();

        // enrolled again after the erasure: only the new course counts
        scheduled(4, "e-3", DUE.plusSeconds(400 * DAY));
        StepVerifier.create(expiredAt(DUE.plusSeconds(DAY))).expectNext(List.of()).verifyComplete();
    }

    @Test
    void aRecordClosedWithNothingLeftToEraseIsNoLongerDue() {
        scheduled(0, "e-1", DUE);
        projection.on(new ChildDataRetentionClosedEvent(ID), 1);

        StepVerifier.create(expiredAt(DUE.plusSeconds(DAY))).expectNext(List.of()).verifyComplete();
    }

    @Test
    void anEventHandledAgainChangesNothing() {
        scheduled(0, "e-1", DUE);
        scheduled(1, "e-2", DUE.plusSeconds(2 * DAY));
        scheduled(0, "e-1", DUE.plusSeconds(9 * DAY));

        StepVerifier.create(expiredAt(DUE.plusSeconds(3 * DAY))).expectNext(List.of(ID)).verifyComplete();
    }
}
