package community.platform.query.processing;

import community.platform.query.views.ViewBatch;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * At start, the views far behind the log are built on a rebuild's path rather than by their processors: one read of the
 * log for all of them, each batch of events handed to every such processor's handlers in a unit of work whose view
 * writes go out while the next is handled ({@link ViewBatch.WriteBehind}). A processor takes this path when its
 * tokens, as stored when the platform starts, are more than {@code platform.views.fast-path-behind} events behind the
 * head (default 1,000) and no other instance holds a segment of it. A processor with a handler kept from replays, which
 * does more than write views (the notices' delivery sends notices), is taken only while it replays the log it found
 * when it first ran (a processor's first tokens, here or made by the path, are such a replay), and only that far: the
 * events it is handed are marked as replayed, as the processor would mark them, so those handlers skip them, and the
 * events after the replay are left to the processor. The processes (sagas) catch up on their own.
 *
 * <p>Just before the processors start, the path claims every segment of the processors it takes, under an owner of
 * its own ({@code <instance>/fast-path}): so neither the processor here nor another instance processes them meanwhile.
 * Each event goes to the segment it belongs to, only if that segment's token does not cover it yet, and through the
 * processor's own handler invoker, so a record with a dead letter has its later events set aside as the processor
 * would. The claims are renewed three times per claim timeout on a thread of their own, however long a batch takes;
 * should one be lost all the same, the path stops. A segment's token is stored only once the view writes of every
 * event it covers are in: about every {@value #STORE_EVERY_SECONDS} s, and at the end. Then the claims are let go, and
 * the processor, which has been waiting for its segments, claims them and goes on from those tokens. Events set aside
 * on the way are written to the processor's queue just before the token that covers them ({@link SetAsideWithTheBatch}),
 * so those the processor sees again have no letters yet. A failure or a
 * kill leaves the tokens where they were last stored; the processors go on from there on their own path (after a kill,
 * once the claims expire), and the events they see again are ones whose writes may be in, which the projections'
 * sequence checks skip.
 */
@Component
class StartUpFastPath implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StartUpFastPath.class);
    /** Added to the instance's id to name the owner of the path's claims. */
    static final String OWNER_SUFFIX = "/fast-path";
    private static final long STORE_EVERY_SECONDS = 10;
    /** Documents each processor's writes keep cached: many processors run at once. */
    private static final int CACHED_EACH = 2_000;

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final ApplicationContext context;
    private final Environment environment;
    private final TokenStore claims;
    private final Duration claimTimeout;
    private final long behindAtLeast;
    private final Map<String, Taken> taken = new ConcurrentHashMap<>();
    private volatile Thread running;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile long applied;
    private volatile RuntimeException lost;
    private volatile long head;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "views-fast-path-claims");
                thread.setDaemon(true);
                return thread;
            });

    StartUpFastPath(EventProcessingConfiguration processing, EventStorageEngine storage, ApplicationContext context,
                    MongoTemplate axonMongoTemplate, @Qualifier("serializer") Serializer serializer,
                    @Qualifier("platformInstanceId") String instance,
                    @Value("${platform.processing.claim-timeout:10s}") Duration claimTimeout,
                    @Value("${platform.views.fast-path-behind:1000}") long behindAtLeast) {
        this.processing = processing;
        this.storage = storage;
        this.context = context;
        this.environment = context.getEnvironment();
        this.claimTimeout = claimTimeout;
        this.behindAtLeast = behindAtLeast;
        this.claims = MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer)
                                     .nodeId(instance + OWNER_SUFFIX).claimTimeout(claimTimeout).build();
    }

    /** What a processor on this path waits for, or null when it is not on it. */
    String waitingFor(String processor) {
        return taken.containsKey(processor)
                ? "the start-up fast path, its views written up to position " + applied + " of " + head : null;
    }

    boolean takes(String processor) {
        return taken.containsKey(processor);
    }

    /**
     * Just before the processors start: takes the processors that qualify, claiming their segments, and starts the
     * path on a thread of its own.
     */
    @Override
    public void start() {
        started = true;
        try {
            head = ProcessingConfiguration.headPosition(storage);
            for (String name : pooledAndShared()) {
                boolean sideEffects = sideEffects(name);
                if (ProcessingConfiguration.projection(processing, name) || sideEffects) {
                    Taken processor = new Taken(name, sideEffects);
                    if (processor.claim()) {
                        taken.put(name, processor);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for views far behind the log; every processor catches up on its own", e);
            letGo();
            return;
        }
        if (!taken.isEmpty()) {
            long every = Math.max(1, claimTimeout.toMillis() / 3);
            renewals.scheduleWithFixedDelay(this::keepClaims, every, every, TimeUnit.MILLISECONDS);
            Thread thread = new Thread(this::run, "views-fast-path");
            thread.setDaemon(true);
            running = thread;
            thread.start();
        }
    }

    /**
     * As the platform stops, before any processor does: the path stops before its next handler call (never inside one,
     * which would set that event aside as failed) and lets its claims go.
     */
    @EventListener
    public void on(ContextClosedEvent closed) {
        stopping = true;
        Thread thread = running;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Just before Axon starts the processors ({@link Phase#INBOUND_EVENT_CONNECTORS}). */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS - 1;
    }

    private void run() {
        log.info("Views far behind the log at start: {} catch up on the fast path, up to position {} at least",
                 taken.keySet(), head);
        long began = System.nanoTime();
        try {
            TrackingToken reached = catchUp();
            log.info("The fast path caught up {} in {} ms; their processors go on from {}", taken.keySet(),
                     TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), reached);
        } catch (RuntimeException e) {
            if (stopping) {
                log.info("The fast path stopped with the platform; its processors go on from their tokens next time");
            } else {
                log.warn("The fast path stopped; its processors go on from their last stored tokens", e);
            }
        } finally {
            letGo();
        }
    }

    /** Renews the claims, three times per claim timeout, however long a batch takes. */
    private void keepClaims() {
        try {
            taken.values().forEach(Taken::keep);
        } catch (RuntimeException e) {
            lost = e;
        }
    }

    private void letGo() {
        renewals.shutdownNow();
        try {
            renewals.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        taken.values().forEach(Taken::letGo);
        taken.clear();
    }

    /**
     * The pooled processors shared by the instances. Of them the path takes those that write views or have handlers
     * kept from replays (which they may skip on the path); not the processes.
     */
    private List<String> pooledAndShared() {
        return processing.eventProcessors().keySet().stream().sorted()
                         .filter(name -> !ProcessingConfiguration.perInstance(processing, name))
                         .filter(name -> processing.eventProcessor(name).orElse(null)
                                 instanceof PooledStreamingEventProcessor)
                         .toList();
    }

    /** Whether a handler of the group must not run on a replay: then it does more than write views. */
    private boolean sideEffects(String group) {
        return ProcessingConfiguration.handlerTypes(context, group).stream().anyMatch(
                type -> AnnotationUtils.findAnnotation(type, DisallowReplay.class) != null
                        || Arrays.stream(type.getDeclaredMethods()).anyMatch(
                                method -> AnnotationUtils.findAnnotation(method, DisallowReplay.class) != null));
    }

    /** Feeds the taken processors from the lowest of their tokens; answers the token reached, all its writes in. */
    private TrackingToken catchUp() {
        TrackingToken from = lowest(taken.values().stream().map(Taken::lowest).toList());
        applied = from == null ? -1 : from.position().orElse(-1);
        List<Rebuilds.Feed> feeds = taken.values().stream().map(Taken::feed).toList();
        long[] storedAt = {System.nanoTime()};
        TrackingToken reached = Rebuilds.feed(storage, from, false, feeds, (events, written) -> {
            if (written != null) {
                applied = written.position().orElse(applied);
            }
            if (lost != null) {
                throw new IllegalStateException("a claim was lost", lost);
            }
            if (written != null && System.nanoTime() - storedAt[0] > TimeUnit.SECONDS.toNanos(STORE_EVERY_SECONDS)) {
                taken.values().forEach(processor -> processor.store(written));
                storedAt[0] = System.nanoTime();
            }
            if (stopping) {
                throw new IllegalStateException("the platform is stopping");
            }
        });
        if (reached != null) {
            taken.values().forEach(processor -> processor.store(reached));
        }
        return reached;
    }

    /** The position a token stands at: a replay's current one. */
    private static TrackingToken current(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    /** The lowest of some tokens, null (the start) below all. */
    private static TrackingToken lowest(List<TrackingToken> tokens) {
        TrackingToken lowest = tokens.isEmpty() ? null : tokens.get(0);
        for (TrackingToken token : tokens) {
            if (token == null || lowest == null) {
                return null;
            }
            lowest = lowest.lowerBound(token);
        }
        return lowest;
    }

    /** One processor on the path: its segments, their tokens as found, and its writes. */
    private final class Taken {
        final String name;
        final EventHandlerInvoker invoker;
        /** Each segment claimed, and its token when the path claimed it. */
        final Map<Segment, TrackingToken> found = new LinkedHashMap<>();
        final ViewBatch.WriteBehind writes = new ViewBatch.WriteBehind(CACHED_EACH);
        /** Letters of events set aside, written just before the token that covers them. */
        final SetAsideWithTheBatch.Parked setAside = new SetAsideWithTheBatch.Parked();
        private EventMessage<?> asked;
        private Segment answer;
        /** The token of the last event read. */
        private TrackingToken lastRead;
        /** For a processor with handlers kept from replays: whether its replay has ended, and after which event. */
        private boolean ended;
        private TrackingToken endsAfter;

        /** Whether a handler must not run on a replay: then the path takes only the events its replay covers. */
        final boolean sideEffects;

        Taken(String name, boolean sideEffects) {
            this.name = name;
            this.invoker = processing.eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow()
                                     .eventHandlerInvoker();
            this.sideEffects = sideEffects;
        }

        /**
         * Claims every segment and reads its token; keeps the claims if the processor is far enough behind, and
         * answers whether it did. For a processor that has never run, on a log long enough, it makes the segments the
         * processor would make, with the token it would make: a replay of the log up to its head. A processor with a
         * handler kept from replays is taken only while every segment of it replays.
         */
        boolean claim() {
            int[] segments = claims.fetchSegments(name);
            try {
                if (segments.length == 0 && head >= behindAtLeast) {
                    claims.initializeTokenSegments(name, ProcessingConfiguration.initialSegmentCount(environment, name),
                                                   ReplayToken.createReplayToken(storage.createHeadToken(),
                                                                                 storage.createTailToken()));
                    segments = claims.fetchSegments(name);
                }
                for (int segment : segments) {
                    TrackingToken token = claims.fetchToken(name, segment);
                    found.put(Segment.computeSegment(segment, segments), token);
                    if (current(token) != null && !(current(token) instanceof GapAwareTrackingToken)
                            || sideEffects && !(token instanceof ReplayToken replay
                                                        && replay.getTokenAtReset() instanceof GapAwareTrackingToken)) {
                        letGo();
                        return false;
                    }
                }
            } catch (UnableToClaimTokenException | UnableToInitializeTokenException e) {
                letGo();
                return false;
            } catch (RuntimeException e) {
                letGo();
                throw e;
            }
            TrackingToken lowest = lowest();
            if (found.isEmpty() || head - (lowest == null ? -1 : lowest.position().orElse(-1)) <= behindAtLeast) {
                letGo();
                return false;
            }
            return true;
        }

        TrackingToken lowest() {
            return StartUpFastPath.lowest(found.values().stream().map(StartUpFastPath::current).toList());
        }

        Rebuilds.Feed feed() {
            return new Rebuilds.Feed(writes, List.of(new EventMessageHandler() {
                @Override
                public boolean canHandle(EventMessage<?> event) {
                    return segmentOf(event) != null;
                }

                @Override
                public Object handle(EventMessage<?> event) throws Exception {
                    if (stopping) {
                        throw new IllegalStateException("the platform is stopping");
                    }
                    Segment segment = segmentOf(event);
                    setAside.parkFrom(CurrentUnitOfWork.get());
                    invoker.handle(asDelivered((TrackedEventMessage<?>) event, found.get(segment)), segment);
                    return null;
                }
            }));
        }

        /**
         * The event as the processor would hand it to its handlers: within a replay, marked as replayed, so that the
         * handlers kept from replays skip it.
         */
        private static EventMessage<?> asDelivered(TrackedEventMessage<?> event, TrackingToken token) {
            return token instanceof ReplayToken replay
                    ? Rebuilds.asReplay(event, replay.advancedTo(event.trackingToken())) : event;
        }

        /**
         * The segment this event belongs to, if it handles the event and its token does not cover it yet; the last
         * answer is kept, since an event is asked about and then handled. Every event read is asked about, in order. A
         * processor with handlers kept from replays is handed events only up to the first that is no replay to it (by
         * Axon's rule); from that one on it is handed none, and its tokens go no further than the event before.
         */
        private Segment segmentOf(EventMessage<?> event) {
            if (event != asked) {
                asked = event;
                answer = null;
                TrackingToken position = ((TrackedEventMessage<?>) event).trackingToken();
                if (sideEffects && !ended && !replays(position)) {
                    ended = true;
                    endsAfter = lastRead;
                }
                lastRead = position;
                if (!ended && invoker.canHandleType(event.getPayloadType())) {
                    for (Map.Entry<Segment, TrackingToken> segment : found.entrySet()) {
                        if (invoker.canHandle(event, segment.getKey())) {
                            TrackingToken token = current(segment.getValue());
                            answer = token == null || !token.covers(position) ? segment.getKey() : null;
                            break;
                        }
                    }
                }
            }
            return answer;
        }

        /** Whether the event at {@code position} is a replay to every segment, as the processor would tell. */
        private boolean replays(TrackingToken position) {
            return found.values().stream().allMatch(token -> token instanceof ReplayToken replay
                    && ReplayToken.isReplay(replay.advancedTo(position)));
        }

        void keep() {
            found.keySet().forEach(segment -> claims.extendClaim(name, segment.getSegmentId()));
        }

        /**
         * Each segment's token moved to {@code written}, all of whose writes are in; for a processor with handlers kept
         * from replays, no further than the event before its replay ended (not at all if the first event read ended
         * it). A token of a processor that first ran
         * after events were stored marks them as a replay, up to the head it found; moved past that, it is a token like
         * any other, as the processor would leave it.
         */
        void store(TrackingToken written) {
            if (ended && endsAfter == null) {
                return;
            }
            setAside.writeUpTo(written);
            for (Map.Entry<Segment, TrackingToken> segment : found.entrySet()) {
                TrackingToken was = segment.getValue();
                TrackingToken handed = ended ? written.lowerBound(endsAfter) : written;
                TrackingToken moved = current(was) == null ? handed : handed.upperBound(current(was));
                claims.storeToken(was instanceof ReplayToken replay ? replay.advancedTo(moved) : moved,
                                  name, segment.getKey().getSegmentId());
            }
        }

        /** Lets the claims go, for the processor to take. */
        void letGo() {
            setAside.discard();
            for (Segment segment : found.keySet()) {
                invoker.segmentReleased(segment);
                try {
                    claims.releaseClaim(name, segment.getSegmentId());
                } catch (RuntimeException e) {
                    log.warn("Could not let {} segment {} go; its claim expires in {}", name, segment.getSegmentId(),
                             claimTimeout);
                }
            }
        }
    }
}
