package community.platform.query.festival;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.ErrorCode;
import community.platform.shared.festival.FestivalEventRejectedEvent;
import community.platform.shared.festival.FestivalEventRejection;
import community.platform.shared.festival.FestivalEventRescheduleRejectedEvent;
import community.platform.shared.festival.FindFestivalEventRejectionQuery;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.Optional;

/** The refusals an organizer waits on, against the embedded server. */
class FestivalEventRejectionProjectionTest {

    private EmbeddedMongo mongo;
    private FestivalEventRejectionProjection rejections;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        rejections = new FestivalEventRejectionProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Mono<Optional<FestivalEventRejection>> find(String eventId, int request) {
        return Mono.fromFuture(() -> rejections.handle(new FindFestivalEventRejectionQuery(eventId, request)));
    }

    @Test
    void eachRequestKeepsItsOwnRefusalWithTheEventInTheWay() {
        rejections.on(new FestivalEventRejectedEvent("fe-1", ErrorCode.VENUE_CLASH, "booked for Exhibition", "fe-2"));
        rejections.on(new FestivalEventRescheduleRejectedEvent("fe-3", 2, ErrorCode.VENUE_CLASH, "booked", "fe-1"));

        StepVerifier.create(find("fe-1", 0))
                    .expectNext(Optional.of(new FestivalEventRejection("fe-1", 0, ErrorCode.VENUE_CLASH,
                                                                       "booked for Exhibition", "fe-2")))
                    .verifyComplete();
        StepVerifier.create(find("fe-3", 2))
                    .expectNext(Optional.of(new FestivalEventRejection("fe-3", 2, ErrorCode.VENUE_CLASH, "booked",
                                                                       "fe-1")))
                    .verifyComplete();
        StepVerifier.create(find("fe-3", 1)).expectNext(Optional.empty()).verifyComplete();
    }

    @Test
    void aRefusalAppliedTwiceIsKeptOnceAndAResetClearsThem() {
        FestivalEventRejectedEvent refused = new FestivalEventRejectedEvent("fe-1", ErrorCode.VENUE_CLASH, "x", "fe-2");
        rejections.on(refused);
        rejections.on(refused);
        StepVerifier.create(Mono.from(mongo.database().getCollection(FestivalEventRejectionProjection.COLLECTION)
                                           .countDocuments()))
                    .expectNext(1L).verifyComplete();

        rejections.reset();

        StepVerifier.create(find("fe-1", 0)).expectNext(Optional.empty()).verifyComplete();
    }
}
