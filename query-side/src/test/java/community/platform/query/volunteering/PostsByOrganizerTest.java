package community.platform.query.volunteering;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.volunteering.ListVolunteerPostsQuery;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostSummary;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The post list narrowed to one organizer's posts, alone or with the other filters. */
class PostsByOrganizerTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final VolunteerPostProjection projection = new VolunteerPostProjection(
            mongo.database(), SimpleQueryUpdateEmitter.builder().build(), Clock.fixed(STARTS, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void publish(String postId, String organizer, String team, Instant startsAt) {
        projection.on(new VolunteerPostPublishedEvent(postId, organizer, "Shift " + postId, "", team, "Park",
                                                      startsAt, startsAt.plus(Duration.ofHours(2)), 3, null,
                                                      List.of()), 0, STARTS);
    }

    private Mono<List<String>> listed(ListVolunteerPostsQuery query) {
        return Mono.fromFuture(() -> projection.handle(query))
                   .map(posts -> posts.stream().map(VolunteerPostSummary::id).toList());
    }

    @Test
    void anOrganizersPostsAloneSoonestFirstAndTheOtherFiltersStillApply() {
        publish("post-late", "zhang", "green", STARTS.plus(Duration.ofDays(2)));
        publish("post-other", "li", "green", STARTS.plus(Duration.ofDays(1)));
        publish("post-early", "zhang", "health", STARTS.plus(Duration.ofDays(1)));

        StepVerifier.create(listed(new ListVolunteerPostsQuery(null, null, null, null, "zhang")))
                    .expectNext(List.of("post-early", "post-late")).verifyComplete();
        StepVerifier.create(listed(new ListVolunteerPostsQuery(null, null, "green", null, "zhang")))
                    .expectNext(List.of("post-late")).verifyComplete();
        StepVerifier.create(listed(new ListVolunteerPostsQuery(null, null, null, null)))
                    .expectNext(List.of("post-early", "post-other", "post-late")).verifyComplete();
    }
}
