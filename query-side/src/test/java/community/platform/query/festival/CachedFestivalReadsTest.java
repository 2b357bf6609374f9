package community.platform.query.festival;

import com.mongodb.client.model.Updates;
import community.platform.query.EmbeddedMongo;
import community.platform.query.views.ReadCaches;
import community.platform.shared.ErrorCode;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.FestivalEventRejectedEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.FindFestivalEventQuery;
import community.platform.shared.festival.ListFestivalEventsQuery;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The festival events' reads through this instance's read cache: an event turned down (its document removed) that
 * was seen before the projection removed it stays listed only until it is removed, and the list is cached again once
 * the view no longer holds it.
 */
class CachedFestivalReadsTest {

    private static final Instant STARTS = Instant.parse("2027-02-08T06:00:00Z");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private FestivalEventProjection events;
    private FestivalEventsSeen seen;

    @BeforeEach
    void start() {
        events = new FestivalEventProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build(),
                                             Clock.fixed(STARTS.minus(Duration.ofDays(1)), ZoneOffset.UTC),
                                             new ReadCaches(100, Duration.ofMinutes(1)));
        seen = new FestivalEventsSeen(events);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static FestivalEventScheduledEvent scheduled(String eventId, int day) {
        Instant starts = STARTS.plus(Duration.ofDays(day));
        return new FestivalEventScheduledEvent(eventId, "zhang", "Writing workshop", EventKind.WORKSHOP, "Culture Hall",
                                               starts, starts.plus(Duration.ofHours(2)), 10, "", null);
    }

    private Mono<List<FestivalEventSummary>> list() {
        return Mono.fromFuture(() -> events.handle(new ListFestivalEventsQuery()));
    }

    private void retitledBehindTheCache(String eventId) {
        Mono.from(mongo.database().getCollection(FestivalEventProjection.COLLECTION)
                       .updateOne(eq("_id", eventId), Updates.set("event.title", "Retitled"))).block();
    }

    @Test
    void anEventTurnedDownLeavesTheListOnceItsDocumentIsGoneAndTheListIsCachedAgain() {
        events.on(scheduled("fe-1", 0), 0);
        seen.on(scheduled("fe-1", 0), 0);
        events.on(scheduled("fe-2", 1), 0);
        seen.on(scheduled("fe-2", 1), 0);
        StepVerifier.create(list()).assertNext(all -> assertThat(all).extracting(FestivalEventSummary::id)
                                                                      .containsExactly("fe-1", "fe-2"))
                    .verifyComplete();

        FestivalEventRejectedEvent rejected = new FestivalEventRejectedEvent("fe-2", ErrorCode.VENUE_CLASH, "taken",
                                                                             "fe-9");
        seen.on(rejected, 1);
        StepVerifier.create(list()).assertNext(all -> assertThat(all).hasSize(2)).verifyComplete();

        events.on(rejected, 1);
        StepVerifier.create(list()).assertNext(all -> assertThat(all).extracting(FestivalEventSummary::id)
                                                                      .containsExactly("fe-1"))
                    .verifyComplete();
        retitledBehindTheCache("fe-1");
        StepVerifier.create(list())
                    .assertNext(all -> assertThat(all).extracting(FestivalEventSummary::title)
                                                      .as("served from the cache").containsExactly("Writing workshop"))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> events.handle(new FindFestivalEventQuery("fe-2"))))
                    .expectNext(Optional.empty()).verifyComplete();
    }
}
