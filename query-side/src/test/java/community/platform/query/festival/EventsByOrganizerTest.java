package community.platform.query.festival;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.ListFestivalEventsQuery;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The festival list narrowed to one organizer's events. */
class EventsByOrganizerTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final FestivalEventProjection projection = new FestivalEventProjection(
            mongo.database(), SimpleQueryUpdateEmitter.builder().build(), Clock.fixed(STARTS, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void schedule(String eventId, String organizer, Instant startsAt) {
        projection.on(new FestivalEventScheduledEvent(eventId, organizer, "Event " + eventId, EventKind.WORKSHOP,
                                                      "Hall", startsAt, startsAt.plus(Duration.ofHours(2)), 20, ""),
                      0);
    }

    private Mono<List<String>> listed(ListFestivalEventsQuery query) {
        return Mono.fromFuture(() -> projection.handle(query))
                   .map(events -> events.stream().map(FestivalEventSummary::id).toList());
    }

    @Test
    void anOrganizersEventsAloneSoonestFirst() {
        schedule("fe-late", "zhang", STARTS.plus(Duration.ofDays(2)));
        schedule("fe-other", "li", STARTS.plus(Duration.ofDays(1)));
        schedule("fe-early", "zhang", STARTS.plus(Duration.ofDays(1)));

        StepVerifier.create(listed(new ListFestivalEventsQuery("zhang")))
                    .expectNext(List.of("fe-early", "fe-late")).verifyComplete();
        StepVerifier.create(listed(new ListFestivalEventsQuery()))
                    .expectNext(List.of("fe-early", "fe-other", "fe-late")).verifyComplete();
    }
}
