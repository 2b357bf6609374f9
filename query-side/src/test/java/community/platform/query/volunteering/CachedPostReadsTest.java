package community.platform.query.volunteering;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.EmbeddedMongo;
import community.platform.query.views.ReadCaches;
import community.platform.shared.volunteering.FindVolunteerDutiesQuery;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.ListVolunteerPostsQuery;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
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

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The posts' and duties' reads through this instance's read caches, against the embedded server: a cached read is
 * served (a change made to the view behind the cache's back does not show), the next read after an event this instance
 * has seen shows the event, and an event seen before its projection wrote it leaves no stale answer behind.
 */
class CachedPostReadsTest {

    private static final Instant NOW = Instant.parse("2027-01-18T02:00:00Z");
    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");

    private EmbeddedMongo mongo;
    private MongoDatabase database;
    private VolunteerPostProjection posts;
    private VolunteerDutiesProjection duties;
    /** What every instance runs over the whole log: here, told of events by hand, before or after the projections. */
    private PostEventsSeen seen;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.database();
        ReadCaches caches = new ReadCaches(100, Duration.ofMinutes(1));
        posts = new VolunteerPostProjection(database, SimpleQueryUpdateEmitter.builder().build(),
                                            Clock.fixed(NOW, ZoneOffset.UTC), caches);
        duties = new VolunteerDutiesProjection(database, caches);
        seen = new PostEventsSeen(posts, duties);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static VolunteerPostPublishedEvent published(String postId, int day) {
        Instant starts = STARTS.plus(Duration.ofDays(day));
        return new VolunteerPostPublishedEvent(postId, "zhang", "Park clean-up", "Bring gloves", "green", "East Park",
                                               starts, starts.plus(Duration.ofHours(2)), 2, null, List.of());
    }

    private void projected(VolunteerPostEvent event, long sequence) {
        posts.on(event, sequence, NOW);
        duties.on(event, sequence);
    }

    /** Projected here and seen, in that order: a write this instance made and has heard of. */
    private void applied(VolunteerPostEvent event, long sequence) {
        projected(event, sequence);
        seen.on(event, sequence);
    }

    /** A change to the stored view that no event announces: only a read of the store shows it. */
    private void retitledBehindTheCache(String postId, String title) {
        Mono.from(database.getCollection(VolunteerPostProjection.COLLECTION)
                          .updateOne(eq("_id", postId), Updates.set("post.title", title))).block();
    }

    private Mono<VolunteerPostSummary> detail(String postId) {
        return Mono.fromFuture(() -> posts.handle(new FindVolunteerPostQuery(postId))).map(o -> o.orElseThrow());
    }

    private Mono<List<VolunteerPostSummary>> list() {
        return Mono.fromFuture(() -> posts.handle(new ListVolunteerPostsQuery(null, null, null, null, null, null)));
    }

    private Mono<List<VolunteerDuty>> dutiesOf(String volunteer) {
        return Mono.fromFuture(() -> duties.handle(new FindVolunteerDutiesQuery(volunteer)));
    }

    @Test
    void aCachedDetailIsServedUntilAnEventOfThePostIsSeen() {
        applied(published("post-1", 0), 0);
        StepVerifier.create(detail("post-1"))
                    .assertNext(post -> assertThat(post.title()).isEqualTo("Park clean-up"))
                    .verifyComplete();

        retitledBehindTheCache("post-1", "Retitled");
        StepVerifier.create(detail("post-1"))
                    .assertNext(post -> assertThat(post.title()).as("served from the cache").isEqualTo("Park clean-up"))
                    .verifyComplete();

        applied(new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 2, 0), 1);
        StepVerifier.create(detail("post-1"))
                    .assertNext(post -> {
                        assertThat(post.confirmed()).isEqualTo(1);
                        assertThat(post.title()).isEqualTo("Retitled");
                    })
                    .verifyComplete();
    }

    @Test
    void aDetailReadBetweenSeeingAnEventAndItsProjectionIsNotKept() {
        applied(published("post-1", 0), 0);
        StepVerifier.create(detail("post-1")).assertNext(post -> assertThat(post.confirmed()).isZero())
                    .verifyComplete();

        VolunteerSignedUpEvent signedUp = new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 2, 0);
        seen.on(signedUp, 1);
        // the view (projected elsewhere, say) does not hold the sign-up yet: the store's answer, as it stands
        StepVerifier.create(detail("post-1")).assertNext(post -> assertThat(post.confirmed()).isZero())
                    .verifyComplete();

        projected(signedUp, 1);
        StepVerifier.create(detail("post-1")).assertNext(post -> assertThat(post.confirmed()).isEqualTo(1))
                    .verifyComplete();
    }

    @Test
    void aListIsServedFromTheCacheAndShowsAPostSeenBeforeItWasProjectedOnceItIs() {
        applied(published("post-1", 0), 0);
        StepVerifier.create(list()).assertNext(all -> assertThat(all).extracting(VolunteerPostSummary::id)
                                                                      .containsExactly("post-1"))
                    .verifyComplete();
        retitledBehindTheCache("post-1", "Retitled");
        StepVerifier.create(list())
                    .assertNext(all -> assertThat(all).extracting(VolunteerPostSummary::title)
                                                      .as("served from the cache").containsExactly("Park clean-up"))
                    .verifyComplete();

        VolunteerPostPublishedEvent second = published("post-2", 1);
        seen.on(second, 0);
        StepVerifier.create(list()).assertNext(all -> assertThat(all).extracting(VolunteerPostSummary::id)
                                                                      .containsExactly("post-1"))
                    .verifyComplete();

        projected(second, 0);
        StepVerifier.create(list())
                    .assertNext(all -> {
                        assertThat(all).extracting(VolunteerPostSummary::id).containsExactly("post-1", "post-2");
                        assertThat(all).extracting(VolunteerPostSummary::title).first().isEqualTo("Retitled");
                    })
                    .verifyComplete();
    }

    @Test
    void listsAskedFromEachMomentOfADayShareOneEntryAndStillFilterByTime() {
        applied(published("post-1", 0), 0);
        applied(published("post-2", 2), 0);
        Instant early = STARTS.minus(Duration.ofHours(1));
        StepVerifier.create(Mono.fromFuture(() -> posts.handle(new ListVolunteerPostsQuery(early, null, null, null,
                                                                                           null, null))))
                    .assertNext(all -> assertThat(all).hasSize(2)).verifyComplete();
        retitledBehindTheCache("post-2", "Retitled");

        // the same day: post-1 has started by then, and post-2 comes from the cache
        Instant later = STARTS.plus(Duration.ofHours(1));
        StepVerifier.create(Mono.fromFuture(() -> posts.handle(new ListVolunteerPostsQuery(later, null, null, null,
                                                                                           null, null))))
                    .assertNext(all -> assertThat(all).extracting(VolunteerPostSummary::title)
                                                      .as("served from the cache").containsExactly("Park clean-up"))
                    .verifyComplete();
        // another day is read from the store, only from that day on: the list does not hold every post ever held
        Instant nextDay = STARTS.plus(Duration.ofDays(1));
        StepVerifier.create(Mono.fromFuture(() -> posts.handle(new ListVolunteerPostsQuery(nextDay, null, null, null,
                                                                                           null, null))))
                    .assertNext(all -> assertThat(all).extracting(VolunteerPostSummary::title)
                                                      .containsExactly("Retitled"))
                    .verifyComplete();
    }

    @Test
    void aListReadWhileAChangeIsSeenButNotProjectedIsNotKept() {
        applied(published("post-1", 0), 0);
        list().block();

        VolunteerSignedUpEvent signedUp = new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 2, 0);
        seen.on(signedUp, 1);
        StepVerifier.create(list()).assertNext(all -> assertThat(all.get(0).confirmed()).isZero())
                    .verifyComplete();

        projected(signedUp, 1);
        StepVerifier.create(list()).assertNext(all -> assertThat(all.get(0).confirmed()).isEqualTo(1))
                    .verifyComplete();
    }

    @Test
    void myDutiesShowASignUpSeenBeforeItWasProjectedOnceItIs() {
        applied(published("post-1", 0), 0);
        applied(new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 2, 0), 1);
        StepVerifier.create(dutiesOf("wang")).expectNext(List.of()).verifyComplete();
        StepVerifier.create(dutiesOf("lihua")).assertNext(mine -> assertThat(mine).hasSize(1)).verifyComplete();

        VolunteerSignedUpEvent wang = new VolunteerSignedUpEvent("post-1", "wang", "Wang", 2, 1);
        seen.on(wang, 2);
        StepVerifier.create(dutiesOf("wang")).expectNext(List.of()).verifyComplete();

        projected(wang, 2);
        StepVerifier.create(dutiesOf("wang"))
                    .assertNext(mine -> assertThat(mine).extracting(VolunteerDuty::postId).containsExactly("post-1"))
                    .verifyComplete();
    }

    @Test
    void anotherVolunteersSignUpLeavesMyCachedDutiesServed() {
        applied(published("post-1", 0), 0);
        applied(new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 2, 0), 1);
        StepVerifier.create(dutiesOf("lihua")).assertNext(mine -> assertThat(mine).hasSize(1)).verifyComplete();
        Mono.from(database.getCollection(VolunteerDutiesProjection.DUTIES)
                          .updateOne(eq("volunteer", "lihua"), Updates.set("title", "Retitled"))).block();

        applied(new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 2, 2, 1), 2);
        StepVerifier.create(dutiesOf("lihua"))
                    .assertNext(mine -> assertThat(mine).extracting(VolunteerDuty::title)
                                                        .as("served from the cache").containsExactly("Park clean-up"))
                    .verifyComplete();
    }

    @Test
    void aReadForAWriteJustMadeComesFromTheStoreAndTheCacheFollowsIt() {
        applied(published("post-1", 0), 0);
        detail("post-1").block();

        // projected here, not yet seen by this instance's handler: the caller waiting for its write reads the store
        projected(new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 2, 0), 1);
        StepVerifier.create(Mono.fromFuture(() -> posts.handle(new FindVolunteerPostQuery("post-1"), true)))
                    .assertNext(post -> assertThat(post.orElseThrow().confirmed()).isEqualTo(1))
                    .verifyComplete();
        StepVerifier.create(detail("post-1")).assertNext(post -> assertThat(post.confirmed()).isEqualTo(1))
                    .verifyComplete();
    }
}
