package community.platform.query.volunteering;

import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.EmbeddedMongo;
import community.platform.query.views.ViewBatch;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.FindVolunteerDutiesQuery;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Each volunteer's duties and hours against the embedded server. */
class VolunteerDutiesProjectionTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");
    private static final Instant LATER = STARTS.plus(Duration.ofDays(1));
    private static final List<VolunteerPostEvent> HISTORY = List.of(
            new VolunteerPostPublishedEvent("post-1", "zhang", "Park clean-up", "", "green", "East Park", STARTS,
                                            STARTS.plus(Duration.ofHours(2)), 1, null, List.of()),
            new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
            new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1),
            new SignUpWithdrawnEvent("post-1", "lihua", true),
            new VolunteerPromotedEvent("post-1", "wang", 1, 0, 1),
            new VolunteerPostRescheduledEvent("post-1", STARTS, STARTS.plus(Duration.ofHours(2)), LATER,
                                              LATER.plus(Duration.ofHours(2)), "rain"),
            new AttendanceRecordedEvent("post-1", "wang", LATER, LATER.plus(Duration.ofMinutes(95)), 95, false, null));

    private EmbeddedMongo mongo;
    private MongoDatabase database;
    private VolunteerDutiesProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.database();
        projection = new VolunteerDutiesProjection(database);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void applyAll() {
        for (int seq = 0; seq < HISTORY.size(); seq++) {
            projection.on(HISTORY.get(seq), seq);
        }
    }

    private List<Document> stored() {
        return Flux.from(database.getCollection(VolunteerDutiesProjection.DUTIES).find()).collectList().block();
    }

    @Test
    void aPromotedVolunteerHoldsTheDutyAtItsNewTimeWithTheirHours() {
        applyAll();

        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindVolunteerDutiesQuery("wang"))))
                    .expectNext(List.of(new VolunteerDuty("post-1", "Park clean-up", "East Park", LATER,
                                                          LATER.plus(Duration.ofHours(2)),
                                                          VolunteerDuty.Status.CONFIRMED, 95L)))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindVolunteerDutiesQuery("lihua"))))
                    .expectNext(List.of())
                    .verifyComplete();
    }

    @Test
    void applyingEventsTwiceChangesNothing() {
        applyAll();
        List<Document> once = stored();

        for (int seq = 1; seq < HISTORY.size(); seq++) {
            projection.on(HISTORY.get(seq), seq);
        }

        StepVerifier.create(Flux.from(database.getCollection(VolunteerDutiesProjection.DUTIES).find()).collectList())
                    .expectNext(once).verifyComplete();
    }

    @Test
    void aReplayRebuildsTheSameView() {
        applyAll();
        List<Document> live = stored();

        projection.reset();
        applyAll();

        StepVerifier.create(Flux.from(database.getCollection(VolunteerDutiesProjection.DUTIES).find()).collectList())
                    .expectNext(live).verifyComplete();
    }

    @Test
    void theHistoryHandedAsOneBatchGivesTheSameViewAsOneEventAtATime() throws Exception {
        applyAll();
        List<Document> oneByOne = stored();
        List<Document> posts = Flux.from(database.getCollection(VolunteerDutiesProjection.POSTS).find())
                                   .collectList().block();
        projection.reset();

        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int seq = 0; seq < HISTORY.size(); seq++) {
            batch.add(new GenericDomainEventMessage<>("VolunteerPost", "post-1", seq, HISTORY.get(seq)));
        }
        ViewBatch.WriteBehind writes = new ViewBatch.WriteBehind();
        writes.handle(batch, List.of(new AnnotationEventHandlerAdapter(projection)));
        writes.finish();

        StepVerifier.create(Flux.from(database.getCollection(VolunteerDutiesProjection.DUTIES).find()).collectList())
                    .expectNext(oneByOne).verifyComplete();
        StepVerifier.create(Flux.from(database.getCollection(VolunteerDutiesProjection.POSTS).find()).collectList())
                    .expectNext(posts).verifyComplete();
    }
}
