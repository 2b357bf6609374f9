package community.platform.query.processing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import community.platform.query.views.KeptViews;
import community.platform.query.views.KeyedViews;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * View documents kept between a live processor's batches, against the embedded server, with the claims taken through
 * the platform's token store: kept while this instance holds the processor's only segment, and read again whenever
 * someone else could have written them since.
 */
class KeptViewsTest {

    private static final String PROCESSOR = "counts";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);

    private MongoServer server;
    private MongoClient client;
    private com.mongodb.client.MongoClient tokens;
    private MongoCollection<Document> views;
    private final AtomicInteger finds = new AtomicInteger();
    private final AtomicLong deadLetters = new AtomicLong();
    private KeptViews kept;
    private TokenStore here;
    private TokenStore elsewhere;
    private MessageHandlerInterceptor<EventMessage<?>> interceptor;

    /** One event of a record: counted in that record's document. */
    record Counted(String record, long sequence) {
    }

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                                                       .addCommandListener(new CommandListener() {
                                                           @Override
                                                           public void commandStarted(CommandStartedEvent event) {
                                                               if (event.getCommandName().equals("find")) {
                                                                   finds.incrementAndGet();
                                                               }
                                                           }
                                                       }).build());
        views = client.getDatabase("views").getCollection("counts");
        tokens = com.mongodb.client.MongoClients.create(uri);
        kept = new KeptViews(CLAIM_TIMEOUT, 500, Duration.ofMillis(300));
        here = tokenStore("here", kept);
        elsewhere = tokenStore("elsewhere", new KeptViews(CLAIM_TIMEOUT, 500, Duration.ofMillis(300)));
        interceptor = kept.flushing(PROCESSOR, deadLetters::get);
    }

    private TokenStore tokenStore(String instance, KeptViews told) {
        return new ClaimTellingTokenStore(MongoTokenStore.builder()
                                                         .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(
                                                                 tokens.getDatabase("platform")).build())
                                                         .serializer(JacksonSerializer.defaultSerializer())
                                                         .nodeId(instance)
                                                         .claimTimeout(CLAIM_TIMEOUT), told);
    }

    @AfterEach
    void stop() {
        client.close();
        tokens.close();
        server.shutdownNow();
    }

    /**
     * Hands {@code events} to the counting projection in one unit of work of {@code segment}, through the processor's
     * interceptor, as a pooled processor's work package does; then stores the token, as it does on commit.
     */
    private void batch(TokenStore store, int segment, Counted... events) {
        List<EventMessage<?>> messages = Arrays.stream(events).<EventMessage<?>>map(GenericEventMessage::asEventMessage)
                                               .toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        unitOfWork.resources().put("Processor[" + PROCESSOR + "]/SegmentId", segment);
        unitOfWork.onPrepareCommit(committing -> store.storeToken(new GlobalSequenceTrackingToken(0), PROCESSOR,
                                                                  segment));
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(
                unitOfWork, List.of(interceptor), message -> count((Counted) message.getPayload())).proceed(),
                                                  RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }

    private Object count(Counted event) {
        if (event.record().equals("fails")) {
            throw new IllegalArgumentException("a projection that fails");
        }
        KeyedViews.update(views, event.record(), event.sequence(), stored -> stored.getInteger("count"),
                          before -> before == null ? 1 : before + 1,
                          (count, sequence) -> new Document("_id", event.record()).append("count", count)
                                                                                   .append("lastSequence", sequence));
        return null;
    }

    private int count(String record) {
        return Mono.from(views.find(eq("_id", record)).first()).map(stored -> stored.getInteger("count")).block();
    }

    /** What another instance wrote while it held the segment: it counted up to {@code count}. */
    private void writtenElsewhere(String record, int count) {
        Mono.from(views.replaceOne(eq("_id", record), new Document("_id", record).append("count", count)
                                                                                  .append("lastSequence", count - 1L)))
            .block();
    }

    /** This instance makes the processor's one segment and claims it, as a processor starting on a new store does. */
    private void holdTheOnlySegment() {
        here.initializeTokenSegments(PROCESSOR, 1);
        here.fetchToken(PROCESSOR, Segment.ROOT_SEGMENT);
    }

    private int findsDuring(Runnable batches) {
        int before = finds.get();
        batches.run();
        return finds.get() - before;
    }

    @Test
    void aProcessorHoldingItsOnlySegmentReadsARecordOnceForManyBatches() {
        holdTheOnlySegment();

        assertThat(findsDuring(() -> {
            batch(here, 0, new Counted("post-1", 0));
            batch(here, 0, new Counted("post-1", 1));
            batch(here, 0, new Counted("post-1", 2), new Counted("post-2", 0));
            batch(here, 0, new Counted("post-2", 1));
        })).isEqualTo(2);
        assertThat(count("post-1")).isEqualTo(3);
        assertThat(count("post-2")).isEqualTo(2);
    }

    @Test
    void aProcessorWithSeveralSegmentsReadsItsRecordsAgainInEachBatch() {
        here.initializeTokenSegments(PROCESSOR, 2);
        Segment first = here.fetchAvailableSegments(PROCESSOR).get(0);
        here.fetchToken(PROCESSOR, first);

        assertThat(findsDuring(() -> {
            batch(here, first.getSegmentId(), new Counted("post-1", 0));
            batch(here, first.getSegmentId(), new Counted("post-1", 1));
        })).isEqualTo(2);
        assertThat(count("post-1")).isEqualTo(2);
    }

    @Test
    void aSegmentGivenBackAndTakenAgainIsReadAgainWithWhatAnotherInstanceWroteMeanwhile() {
        holdTheOnlySegment();
        batch(here, 0, new Counted("post-1", 0));
        here.releaseClaim(PROCESSOR, 0);

        elsewhere.fetchToken(PROCESSOR, Segment.ROOT_SEGMENT);
        writtenElsewhere("post-1", 5);
        elsewhere.releaseClaim(PROCESSOR, 0);

        here.fetchToken(PROCESSOR, Segment.ROOT_SEGMENT);
        batch(here, 0, new Counted("post-1", 5));
        assertThat(count("post-1")).isEqualTo(6);
    }

    @Test
    void aClaimThatLapsedIsNotTrustedAndItsTokenIsNotStored() throws Exception {
        holdTheOnlySegment();
        batch(here, 0, new Counted("post-1", 0));

        Thread.sleep(CLAIM_TIMEOUT.toMillis() + 200);
        elsewhere.fetchToken(PROCESSOR, Segment.ROOT_SEGMENT);
        writtenElsewhere("post-1", 5);

        // this instance's next batch reads what the other wrote; its token is refused, as the claim is the other's
        assertThatThrownBy(() -> batch(here, 0, new Counted("post-1", 5))).hasRootCauseInstanceOf(
                UnableToClaimTokenException.class);
        assertThat(count("post-1")).isEqualTo(6);
    }

    @Test
    void aTokenStoredOverAClaimThatLapsedMeanwhileStartsAfresh() throws Exception {
        holdTheOnlySegment();
        batch(here, 0, new Counted("post-1", 0));

        // this instance stalls past the timeout; another takes the segment, writes and gives it back
        Thread.sleep(CLAIM_TIMEOUT.toMillis() + 200);
        elsewhere.fetchToken(PROCESSOR, Segment.ROOT_SEGMENT);
        writtenElsewhere("post-1", 5);
        elsewhere.releaseClaim(PROCESSOR, 0);
        // the stalled batch ends: its token is stored, as nobody holds the claim now
        here.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);

        batch(here, 0, new Counted("post-1", 5));
        assertThat(count("post-1")).isEqualTo(6);
    }

    @Test
    void aClaimRenewedWithinHalfItsTimeoutStaysTrustedAndOneNotRenewedIsNot() throws Exception {
        holdTheOnlySegment();
        batch(here, 0, new Counted("post-1", 0));
        Thread.sleep(CLAIM_TIMEOUT.toMillis() * 3 / 10);
        here.extendClaim(PROCESSOR, 0);
        Thread.sleep(CLAIM_TIMEOUT.toMillis() * 3 / 10);

        assertThat(findsDuring(() -> batch(here, 0, new Counted("post-1", 1)))).isZero();

        Thread.sleep(CLAIM_TIMEOUT.toMillis() * 6 / 10);
        assertThat(findsDuring(() -> batch(here, 0, new Counted("post-1", 2)))).isEqualTo(1);
        assertThat(count("post-1")).isEqualTo(3);
    }

    @Test
    void nothingIsKeptWhileTheProcessorHasEventsSetAsideAndKeepingResumesOnceTheyAreGone() throws Exception {
        deadLetters.set(1);
        holdTheOnlySegment();
        assertThat(findsDuring(() -> {
            batch(here, 0, new Counted("post-1", 0));
            batch(here, 0, new Counted("post-1", 1));
        })).isEqualTo(2);

        deadLetters.set(0);
        Thread.sleep(400);
        assertThat(findsDuring(() -> {
            batch(here, 0, new Counted("post-1", 2));
            batch(here, 0, new Counted("post-1", 3));
        })).isEqualTo(1);

        kept.setAside(PROCESSOR);
        deadLetters.set(1);
        // a retry, on any instance, writes outside the processor's batches
        writtenElsewhere("post-1", 9);
        batch(here, 0, new Counted("post-1", 9));
        assertThat(count("post-1")).isEqualTo(10);
    }

    @Test
    void eventsSetAsideElsewhereStopTheKeepingWhenTheQueueIsNextLookedAt() throws Exception {
        holdTheOnlySegment();
        batch(here, 0, new Counted("post-1", 0));
        batch(here, 0, new Counted("post-1", 1));

        // set aside by a batch of an instance whose claim had lapsed, which this one was not told of
        deadLetters.set(1);
        Thread.sleep(400);
        writtenElsewhere("post-1", 5);
        batch(here, 0, new Counted("post-1", 5));
        assertThat(count("post-1")).isEqualTo(6);
    }

    @Test
    void aBatchThatRolledBackLeavesNothingKept() {
        holdTheOnlySegment();
        batch(here, 0, new Counted("post-1", 0));

        assertThatThrownBy(() -> batch(here, 0, new Counted("post-1", 1), new Counted("fails", 0)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        writtenElsewhere("post-1", 5);

        batch(here, 0, new Counted("post-1", 5));
        StepVerifier.create(Mono.from(views.find(eq("_id", "post-1")).first()).map(d -> d.getInteger("count")))
                    .expectNext(6)
                    .verifyComplete();
    }
}
