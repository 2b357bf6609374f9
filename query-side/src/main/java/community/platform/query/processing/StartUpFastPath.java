package community.platform.query.processing;

import community.platform.query.views.ViewBatch;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
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
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * At start, the views far behind the log are built on a rebuild's path rather than by their processors: one read of the
 * log for all of them, each batch of events handed to every such processor's handlers in a unit of work whose view
 * writes go out while the next is handled ({@link ViewBatch.WriteBehind}). A processor takes this path when its
 * tokens, as stored when the platform starts, are more than {@code platform.views.fast-path-behind} events behind the
 * head (default 1,000), no other instance holds a segment of it, and none of its handlers must be kept from a replay: such a handler does more than write views (the notices'
 * delivery sends notices), so its processor catches up on its own, as do the processes.
 *
 * <p>The processors taken are stopped and every segment of theirs held ({@link SegmentBalancer#hold}), so that no
 * other instance writes these views meanwhile. Each event goes to the segment it belongs to, only if that segment's
 * token does not cover it yet, and through the processor's own handler invoker, so a record with a dead letter has its
 * later events set aside as the processor would. A segment's token is stored only once the view writes of every event
 * it covers are in: about every {@value #STORE_EVERY_SECONDS} s, and at the end. Then the segments are let go and the
 * processors started again, from those tokens. A failure or a kill leaves the tokens where they were last stored;
 * the processors go on from there on their own path, and the events they see again are ones whose writes may be in,
 * which the projections' sequence checks skip.
 */
@Component
class StartUpFastPath implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StartUpFastPath.class);
    private static final long STORE_EVERY_SECONDS = 10;
    /** Documents each processor's writes keep cached: many processors run at once. */
    private static final int CACHED_EACH = 2_000;

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final SegmentBalancer balancer;
    private final ApplicationContext context;
    private final long behindAtLeast;
    private final Map<String, Taken> taken = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Thread running;
    private volatile boolean started;
    private volatile boolean stopping;
    private long head;
    private volatile long applied;
    private volatile long total;

    StartUpFastPath(EventProcessingConfiguration processing, EventStorageEngine storage, SegmentBalancer balancer,
                    ApplicationContext context, @Value("${platform.views.fast-path-behind:1000}") long behindAtLeast) {
        this.processing = processing;
        this.storage = storage;
        this.balancer = balancer;
        this.context = context;
        this.behindAtLeast = behindAtLeast;
    }

    /** What a processor on this path waits for, or null when it is not on it. */
    String waitingFor(String processor) {
        return taken.containsKey(processor)
                ? "the start-up fast path, at " + applied + " of " + total + " events" : null;
    }

    boolean takes(String processor) {
        return taken.containsKey(processor);
    }

    /**
     * Just before the processors start: picks the processors that qualify, from their tokens as stored (each claimed
     * and let go at once); one whose segment another instance holds is left to that instance.
     */
    @Override
    public void start() {
        started = true;
        try {
            head = head();
            for (String name : qualifying()) {
                if (head - lowestStoredPosition(name) > behindAtLeast) {
                    taken.put(name, new Taken(name));
                }
            }
        } catch (RuntimeException e) {
            taken.clear();
            log.warn("Could not look for views far behind the log; every processor catches up on its own", e);
        }
    }

    /** Once the processors have started (the context has refreshed), runs the path on a thread of its own. */
    @EventListener
    public void on(ContextRefreshedEvent refreshed) {
        if (refreshed.getApplicationContext() != context || taken.isEmpty() || running != null) {
            return;
        }
        Thread thread = new Thread(this::run, "views-fast-path");
        thread.setDaemon(true);
        running = thread;
        thread.start();
    }

    /** As the platform stops, before any processor does: the path stops between batches, leaving them stopped. */
    @EventListener
    public void on(ContextClosedEvent closed) {
        stopping = true;
        Thread thread = running;
        if (thread != null) {
            thread.interrupt();
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
        total = head + 1;
        log.info("Views far behind the log at start: {} catch up on the fast path, up to position {} at least",
                 taken.keySet(), head);
        long began = System.nanoTime();
        try {
            takeAll();
            if (!taken.isEmpty()) {
                TrackingToken reached = catchUp();
                log.info("The fast path caught up {} in {} ms; their processors go on from {}",
                         taken.keySet(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), reached);
            }
        } catch (RuntimeException e) {
            if (stopping) {
                log.info("The fast path stopped with the platform; its processors go on from their tokens next time");
            } else {
                log.warn("The fast path stopped; its processors go on from their last stored tokens", e);
            }
        } finally {
            for (Taken processor : taken.values()) {
                processor.letGo(!stopping);
            }
            taken.clear();
        }
    }

    /** The processors that may take the path: projections, pooled, and with no handler kept from a replay. */
    private List<String> qualifying() {
        return processing.eventProcessors().keySet().stream().sorted()
                         .filter(name -> ProcessingConfiguration.projection(processing, name) && !sideEffects(name))
                         .filter(name -> processing.eventProcessor(name).orElse(null)
                                 instanceof PooledStreamingEventProcessor)
                         .toList();
    }

    /**
     * The lowest position of the processor's stored tokens; -1 when it has none yet (it starts from the first event);
     * MAX_VALUE when another instance holds one of its segments.
     */
    private long lowestStoredPosition(String name) {
        TokenStore tokens = processing.tokenStore(name);
        long lowest = Long.MAX_VALUE;
        int[] segments = tokens.fetchSegments(name);
        if (segments.length == 0) {
            return -1;
        }
        for (int segment : segments) {
            try {
                TrackingToken token = tokens.fetchToken(name, segment);
                tokens.releaseClaim(name, segment);
                lowest = Math.min(lowest, token == null ? -1 : token.position().orElse(-1));
            } catch (UnableToClaimTokenException e) {
                return Long.MAX_VALUE;
            }
        }
        return lowest;
    }

    /** Whether a handler of the group must not run on a replay: then it does more than write views. */
    private boolean sideEffects(String group) {
        return context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                      .map(Object::getClass)
                      .filter(type -> group.equals(AnnotationUtils.findAnnotation(type, ProcessingGroup.class).value()))
                      .anyMatch(type -> AnnotationUtils.findAnnotation(type, DisallowReplay.class) != null
                              || Arrays.stream(type.getDeclaredMethods()).anyMatch(
                              method -> AnnotationUtils.findAnnotation(method, DisallowReplay.class) != null));
    }

    /** Stops the processors, holds their segments and reads their tokens; one that cannot be held runs again. */
    private void takeAll() {
        for (Taken processor : taken.values()) {
            processor.stop();
        }
        for (Taken processor : List.copyOf(taken.values())) {
            try {
                processor.hold();
            } catch (RuntimeException | InterruptedException e) {
                log.warn("{} catches up on its own: {}", processor.name, e.toString());
                taken.remove(processor.name).letGo(!stopping);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Feeds the taken processors from the lowest of their tokens; answers the token reached, all its writes in. */
    private TrackingToken catchUp() {
        TrackingToken from = lowest(taken.values().stream().map(Taken::lowest).toList());
        applied = from == null ? 0 : from.position().orElse(0);
        List<Rebuilds.Feed> feeds = taken.values().stream().map(Taken::feed).toList();
        long[] storedAt = {System.nanoTime()};
        TrackingToken reached = Rebuilds.feed(storage, from, false, feeds, (events, written) -> {
            applied += events;
            taken.values().forEach(Taken::keep);
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

    private long head() {
        TrackingToken head = storage.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** One processor on the path: its segments, their tokens as found, and its writes. */
    private final class Taken {
        final String name;
        final PooledStreamingEventProcessor processor;
        final EventHandlerInvoker invoker;
        final TokenStore tokens;
        /** Each segment, and its token when the path took it. */
        final Map<Segment, TrackingToken> found = new LinkedHashMap<>();
        final ViewBatch.WriteBehind writes = new ViewBatch.WriteBehind(CACHED_EACH);
        SegmentBalancer.Hold hold;
        boolean stopped;

        Taken(String name) {
            this.name = name;
            this.processor = processing.eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow();
            this.invoker = processor.eventHandlerInvoker();
            this.tokens = processing.tokenStore(name);
        }

        void stop() {
            stopped = true;
            processor.shutdownAsync().join();
        }

        void hold() throws InterruptedException {
            hold = balancer.hold(name);
            int[] segments = tokens.fetchSegments(name);
            for (int segment : segments) {
                TrackingToken token = tokens.fetchToken(name, segment);
                if (current(token) != null && !(current(token) instanceof GapAwareTrackingToken)) {
                    throw new IllegalStateException("segment " + segment + " has a token of another kind: " + token);
                }
                found.put(Segment.computeSegment(segment, segments), token);
            }
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
                    invoker.handle(event, segmentOf(event));
                    return null;
                }
            }));
        }

        /** The segment this event belongs to, if it handles the event and its token does not cover it yet. */
        private Segment segmentOf(EventMessage<?> event) {
            TrackingToken position = ((TrackedEventMessage<?>) event).trackingToken();
            for (Map.Entry<Segment, TrackingToken> segment : found.entrySet()) {
                if (invoker.canHandle(event, segment.getKey())) {
                    TrackingToken token = current(segment.getValue());
                    return token != null && token.covers(position) ? null : segment.getKey();
                }
            }
            return null;
        }

        void keep() {
            hold.keep();
        }

        /**
         * Each segment's token moved to {@code written}, all of whose writes are in. A token of a processor that first
         * ran after events were stored marks them as a replay, up to the head it found; moved past that, it is a token
         * like any other, as the processor would leave it.
         */
        void store(TrackingToken written) {
            for (Map.Entry<Segment, TrackingToken> segment : found.entrySet()) {
                TrackingToken was = segment.getValue();
                TrackingToken moved = current(was) == null ? written : written.upperBound(current(was));
                tokens.storeToken(was instanceof ReplayToken replay ? replay.advancedTo(moved) : moved,
                                  name, segment.getKey().getSegmentId());
            }
        }

        /** Lets the segments go and, unless the platform stops, starts the processor again. */
        void letGo(boolean start) {
            found.keySet().forEach(invoker::segmentReleased);
            if (hold != null) {
                hold.close();
            }
            if (stopped && start) {
                processor.start();
            }
        }
    }
}
