package community.platform.query.processing;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewBatch;
import community.platform.shared.audit.DiffProjectionQuery;
import community.platform.shared.audit.ListProjectionsQuery;
import community.platform.shared.audit.ProjectionStatus;
import community.platform.shared.audit.ReplayProjectionCommand;
import community.platform.shared.audit.ScratchCollections;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Projection operations: each processor's position and lag, a rebuild of a processor's views beside the live ones,
 * and a diff between a fresh rebuild and the live views.
 *
 * <p>A rebuild makes a second instance of each of the processor's projections whose collections carry a suffix, feeds
 * it every event from the start, stops the live processor, holds every segment of it in the token store (so that no
 * other instance writes these views either: {@link SegmentBalancer#hold}), feeds the events that came meanwhile, then
 * copies the rebuilt documents over the live ones (and deletes live documents the rebuild does not have), lets the
 * segments go and starts the live processor again. The processors resume from their tokens, which the switch-over
 * left as they were; the events they see again are ones the copied documents already hold, which the projections'
 * sequence checks skip. Should the instance die during the switch-over, its claims expire and the other instances go
 * on from those tokens over views whose documents are each old or rebuilt, and hold every event up to the tokens.
 * Readers are served from the live collections throughout: they never see an empty view, and each document is whole,
 * old or new. (A collection rename would switch all at once on MongoDB, but the embedded server renames by dropping
 * the target first, which a reader could see as an empty view.)
 * <p>The scratch collections of a rebuild have the same names on every instance, so one rebuild of a processor runs at
 * a time across the instances: it takes a lease ({@link RebuildLeases}) before it touches them, and a second is
 * refused. A diff needs no lease: its scratch collections carry a name of their own for each call.
 */
@Component
public class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    public static final String REBUILD = ScratchCollections.REBUILD;
    static final String DIFF = ScratchCollections.DIFF;
    /** Events per unit of work in a rebuild: a few thousand documents at most to hold and write at once. */
    private static final int BATCH = 1000;
    /** A diff's scratch collection: the live name, when the diff started (epoch milliseconds), a random part. */
    private static final Pattern DIFF_NAME = Pattern.compile(".+__(\\d{1,18})_[0-9a-f]{8}" + DIFF);

    private final ApplicationContext context;
    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final MongoDatabase views;
    private final DeadLetters deadLetters;
    private final SegmentBalancer balancer;
    private final RebuildLeases leases;
    private final StartUpFastPath fastPath;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    private final Map<String, String> lastResult = new ConcurrentHashMap<>();

    public Rebuilds(ApplicationContext context, EventProcessingConfiguration processing, EventStorageEngine storage,
                    @Qualifier("platformViewDatabase") MongoDatabase views, DeadLetters deadLetters,
                    SegmentBalancer balancer, RebuildLeases leases, StartUpFastPath fastPath) {
        this.context = context;
        this.fastPath = fastPath;
        this.balancer = balancer;
        this.leases = leases;
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.storage = storage;
        this.views = views;
    }

    /** How far a rebuild has come: events applied of those in the store when it started. */
    private static final class Progress {
        volatile long applied;
        volatile long total;

        int percent() {
            return total <= 0 ? 100 : (int) Math.min(99, applied * 100 / total);
        }
    }

    @QueryHandler
    public List<ProjectionStatus> handle(ListProjectionsQuery query) {
        long head = head();
        return processing.eventProcessors().keySet().stream().sorted()
                         .filter(name -> ProcessingConfiguration.projection(processing, name))
                         .map(name -> status(name, head)).flatMap(Stream::ofNullable).toList();
    }

    private ProjectionStatus status(String name, long head) {
        if (!(processing.eventProcessor(name).orElse(null) instanceof StreamingEventProcessor processor)) {
            return null;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.values().stream()
                                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                                .min().orElse(-1);
        boolean axonReplay = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        Progress rebuild = running.get(name);
        int progress = rebuild != null ? rebuild.percent()
                : axonReplay ? (int) Math.min(99, Math.max(0, position) * 100 / Math.max(1, head)) : 100;
        String state = rebuild != null ? "REBUILDING"
                : fastPath.takes(name) ? "CATCHING_UP"
                : !processor.isRunning() ? "STOPPED"
                : processor.isError() ? "ERROR" : "RUNNING";
        return new ProjectionStatus(name, state, position, head, position < 0 ? head + 1 : head - position,
                                    rebuild != null || axonReplay, progress, deadLetters.count(name),
                                    lastResult.get(name));
    }

    /**
     * Answers STARTED, ALREADY_RUNNING (here or on another instance: {@link RebuildLeases}; or while the processor
     * catches up on the {@link StartUpFastPath}) or UNKNOWN; the rebuild goes on in the background.
     */
    @CommandHandler
    public String handle(ReplayProjectionCommand command) {
        String name = command.name();
        if (!(processing.eventProcessor(name).orElse(null) instanceof StreamingEventProcessor processor)
                || !ProcessingConfiguration.projection(processing, name)) {
            return "UNKNOWN";
        }
        Progress progress = new Progress();
        if (fastPath.takes(name) || running.putIfAbsent(name, progress) != null) {
            return "ALREADY_RUNNING";
        }
        RebuildLeases.Lease lease;
        try {
            lease = leases.take(name);
        } catch (RuntimeException e) {
            running.remove(name);
            throw e;
        }
        if (lease == null) {
            running.remove(name);
            return "ALREADY_RUNNING";
        }
        Schedulers.boundedElastic().schedule(() -> {
            Instant started = Instant.now();
            try (lease) {
                long events = rebuild(name, processor, progress, lease);
                lastResult.put(name, "completed " + Instant.now() + ": " + events + " events in "
                        + Duration.between(started, Instant.now()).toMillis() + " ms");
            } catch (RuntimeException | InterruptedException | java.util.concurrent.ExecutionException
                     | java.util.concurrent.TimeoutException e) {
                log.error("Rebuild of {} failed; the live views are as they were", name, e);
                lastResult.put(name, "failed " + Instant.now() + ": " + e);
            } finally {
                running.remove(name);
            }
        });
        return "STARTED";
    }

    private long rebuild(String name, StreamingEventProcessor processor, Progress progress, RebuildLeases.Lease lease)
            throws InterruptedException, java.util.concurrent.ExecutionException,
                   java.util.concurrent.TimeoutException {
        lease.keep();
        Shadow shadow = shadow(name, REBUILD, projectionClasses(name));
        boolean stopped = false;
        try {
            progress.total = head() + 1;
            TrackingToken reached = shadow.feed(null, progress, lease::keep);
            log.info("Rebuild of {}: {} events applied beside the live views; pausing the live processor",
                     name, progress.applied);
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            stopped = true;
            try (SegmentBalancer.Hold hold = balancer.hold(name)) {
                log.info("Rebuild of {}: every segment held here", name);
                Runnable keep = () -> {
                    lease.keep();
                    hold.keep();
                };
                shadow.feed(reached, progress, keep);
                log.info("Rebuild of {}: caught up at {} events; copying over the live views", name,
                         progress.applied);
                for (String collection : shadow.collections()) {
                    copyOver(collection + REBUILD, collection, keep);
                }
            }
            return progress.applied;
        } finally {
            if (lease.held()) {
                shadow.drop();
            } else {
                log.warn("Rebuild of {}: the lease lapsed, so its scratch collections are left to the next", name);
            }
            if (stopped) {
                processor.start();
                log.info("Rebuild of {}: the live processor runs again", name);
            }
        }
    }

    /**
     * What a fresh rebuild would change in the live views. By default the rebuild uses the processor's projection
     * classes; a test (or an operator's tool) may pass other classes, such as a changed projection.
     */
    @QueryHandler
    public DiffProjectionQuery.Diff handle(DiffProjectionQuery query) {
        if (!ProcessingConfiguration.projection(processing, query.name())) {
            return null;
        }
        return diff(query.name(), projectionClasses(query.name()));
    }

    public DiffProjectionQuery.Diff diff(String name, List<Class<?>> projections) {
        if (projections.isEmpty()) {
            return null;
        }
        dropForgottenDiffs();
        String suffix = "__" + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().substring(0, 8) + DIFF;
        Shadow shadow = shadow(name, suffix, projections);
        try {
            Progress progress = new Progress();
            long head = head();
            shadow.feed(null, progress);
            awaitLiveAt(name, head);
            List<DiffProjectionQuery.Difference> differences = new ArrayList<>();
            for (String collection : shadow.collections()) {
                differences.addAll(compare(collection, collection + suffix));
            }
            return new DiffProjectionQuery.Diff(name, head, differences);
        } finally {
            shadow.drop();
        }
    }

    /**
     * Drops the scratch collections of diffs that started over a day ago: an instance died during those diffs (no diff
     * takes that long), so nothing else would drop them.
     */
    private void dropForgottenDiffs() {
        long dayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        for (String collection : Flux.from(views.listCollectionNames()).toIterable()) {
            Matcher diff = DIFF_NAME.matcher(collection);
            if (diff.matches() && Long.parseLong(diff.group(1)) < dayAgo) {
                log.info("Dropping {}, left by a diff that did not finish", collection);
                Mono.from(views.getCollection(collection).drop()).block();
            }
        }
    }

    private List<Class<?>> projectionClasses(String name) {
        return ProcessingConfiguration.handlerTypes(context, name);
    }

    /** The projections of one processor, instantiated again over collections whose names end in a suffix. */
    private final class Shadow {
        private final List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        private final Set<String> collections = new LinkedHashSet<>();
        private final String suffix;

        Shadow(String suffix) {
            this.suffix = suffix;
        }

        Set<String> collections() {
            return collections;
        }

        /** Applies every event after {@code from} up to the store's end now; answers the token reached. */
        TrackingToken feed(TrackingToken from, Progress progress) {
            return feed(from, progress, () -> { });
        }

        /** The same, running {@code eachBatch} after each batch. */
        TrackingToken feed(TrackingToken from, Progress progress, Runnable eachBatch) {
            return replay(storage, from, handlers, applied -> {
                progress.applied += applied;
                eachBatch.run();
            });
        }

        /**
         * Notes a collection the projections ask for, and drops what an earlier rebuild left of it before they use it:
         * so the indexes a projection makes as it is made ({@link community.platform.query.views.Lookups}) are on the
         * collection the rebuild writes.
         */
        void use(String collection) {
            if (collections.add(collection)) {
                drop(Set.of(collection));
            }
        }

        /** Drops the suffixed collections. */
        void drop() {
            drop(collections);
        }

        /** Drops those of the suffixed collections that exist (the embedded server logs an error for a missing one). */
        private void drop(Set<String> names) {
            Set<String> existing = new HashSet<>(Flux.from(views.listCollectionNames()).collectList().block());
            for (String collection : names) {
                if (existing.contains(collection + suffix)) {
                    Mono.from(views.getCollection(collection + suffix).drop()).block();
                }
            }
        }
    }

    private Shadow shadow(String name, String suffix, List<Class<?>> projections) {
        Shadow shadow = new Shadow(suffix);
        MongoDatabase renamed = renamed(views, suffix, shadow::use);
        for (Class<?> type : projections) {
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(instantiate(type, renamed));
            shadow.handlers.add(adapter);
        }
        for (AnnotationEventHandlerAdapter adapter : shadow.handlers) {
            try {
                adapter.prepareReset();
            } catch (Exception e) {
                throw new IllegalStateException("Could not reset the " + name + " rebuild", e);
            }
        }
        return shadow;
    }

    /**
     * Hands every event after {@code from} (null: from the start) up to the store's end now to {@code handlers}, as a
     * replay, in units of work of {@value #BATCH} events whose view writes go out behind them ({@link
     * ViewBatch.WriteBehind}); tells {@code applied} each batch's size. Answers the token reached, once every write is
     * in.
     */
    public static TrackingToken replay(EventStorageEngine storage, TrackingToken from,
                                       List<? extends EventMessageHandler> handlers, LongConsumer applied) {
        return feed(storage, from, true, List.of(new Feed(new ViewBatch.WriteBehind(), handlers)),
                    (events, written) -> applied.accept(events));
    }

    /** Handlers fed the log in units of work, with their view writes behind them. */
    record Feed(ViewBatch.WriteBehind writes, List<? extends EventMessageHandler> handlers) {
    }

    /** Told after each batch: its size, and the token up to which every feed's writes are in (null until some are). */
    interface AfterBatch {
        void accept(int events, TrackingToken written);
    }

    /**
     * Reads the log once, from after {@code from} (null: from the start) up to the store's end now, in batches of
     * {@value #BATCH} events, read on a thread of their own while the batch before is handled; hands each batch to every
     * feed in turn, in one unit of work each, marked as replayed or not. A feed's writes of a batch go out while the
     * next is handled, so once every feed has handled a batch, the writes of the batch before are in. Answers the token
     * reached, once every write is in.
     */
    static TrackingToken feed(EventStorageEngine storage, TrackingToken from, boolean asReplays, List<Feed> feeds,
                              AfterBatch afterBatch) {
        TrackingToken reached = from;
        TrackingToken handled = null;
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "replay-reader"));
        try (Stream<TrackedEventMessage<?>> events = storage.readEvents(from, false).map(e -> e)) {
            Iterator<TrackedEventMessage<?>> iterator = events.iterator();
            Future<Batch> next = reader.submit(() -> read(iterator, asReplays));
            for (Batch batch = next.get(); !batch.events().isEmpty(); batch = next.get()) {
                next = reader.submit(() -> read(iterator, asReplays));
                for (Feed feed : feeds) {
                    feed.writes().handle(batch.events(), feed.handlers());
                }
                reached = batch.last();
                afterBatch.accept(batch.events().size(), handled);
                handled = reached;
            }
            for (Feed feed : feeds) {
                feed.writes().finish();
            }
        } catch (Exception e) {
            throw new IllegalStateException("The replay stopped at " + reached, e);
        } finally {
            reader.shutdownNow();
        }
        return reached;
    }

    /**
     * The next {@value #BATCH} events, deserialized; as replayed ones if {@code asReplays}, each with the store's token
     * of its own.
     */
    private static Batch read(Iterator<TrackedEventMessage<?>> events, boolean asReplays) {
        GapAwareTrackingToken beyond = GapAwareTrackingToken.newInstance(Long.MAX_VALUE - 1, List.of());
        List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
        TrackingToken last = null;
        while (batch.size() < BATCH && events.hasNext()) {
            TrackedEventMessage<?> event = events.next();
            event.getPayload();
            last = event.trackingToken();
            batch.add(asReplays ? asReplay(event, ReplayToken.createReplayToken(beyond, last)) : event);
        }
        return new Batch(batch, last);
    }

    /** Events marked as replayed, and the store's token of the last. */
    private record Batch(List<TrackedEventMessage<?>> events, TrackingToken last) {
    }

    /**
     * {@code views} with {@code suffix} ({@value #REBUILD}, or a diff's, ending in {@value #DIFF}) added to every
     * collection's name; tells {@code named} each name asked for.
     */
    public static MongoDatabase renamed(MongoDatabase views, String suffix, Consumer<String> named) {
        return (MongoDatabase) Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(), new Class<?>[]{MongoDatabase.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCollection")) {
                        named.accept((String) args[0]);
                        Object[] shifted = args.clone();
                        shifted[0] = args[0] + suffix;
                        return method.invoke(views, shifted);
                    }
                    return method.invoke(views, args);
                });
    }

    /**
     * Through the constructor Spring makes it with (the one marked {@code @Autowired}, else its only one; projections
     * and their constructors are package-private): the renamed database for the views, no live updates, other beans as
     * they are.
     */
    private Object instantiate(Class<?> type, MongoDatabase renamed) {
        Constructor<?> constructor = Arrays.stream(type.getDeclaredConstructors())
                                           .max(Comparator.comparing((Constructor<?> c) -> c.isAnnotationPresent(
                                                   Autowired.class)).thenComparingInt(Constructor::getParameterCount))
                                           .orElseThrow();
        Object[] args = Arrays.stream(constructor.getParameterTypes()).map(parameter ->
                parameter == MongoDatabase.class ? renamed
                        : parameter == QueryUpdateEmitter.class ? SimpleQueryUpdateEmitter.builder().build()
                        : context.getBean(parameter)).toArray();
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not make a second " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static TrackedEventMessage<?> asReplay(TrackedEventMessage<?> event, TrackingToken token) {
        return event instanceof DomainEventMessage domain ? new GenericTrackedDomainEventMessage(token, domain)
                                                          : new GenericTrackedEventMessage(token, event);
    }

    /**
     * Each rebuilt document over the live one, then the live documents the rebuild does not have are deleted; runs
     * {@code beforeEachWrite} on this thread before each write.
     */
    private void copyOver(String from, String to, Runnable beforeEachWrite) {
        MongoCollection<Document> source = views.getCollection(from);
        MongoCollection<Document> target = views.getCollection(to);
        Set<Object> kept = new HashSet<>();
        for (Document doc : Flux.from(source.find()).toIterable()) {
            beforeEachWrite.run();
            kept.add(doc.get("_id"));
            Mono.from(target.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true)))
                .block();
        }
        for (Document doc : Flux.from(target.find().projection(new Document("_id", 1))).toIterable()) {
            if (!kept.contains(doc.get("_id"))) {
                beforeEachWrite.run();
                Mono.from(target.deleteOne(Filters.eq("_id", doc.get("_id")))).block();
            }
        }
    }

    private List<DiffProjectionQuery.Difference> compare(String live, String rebuilt) {
        List<DiffProjectionQuery.Difference> differences = new ArrayList<>();
        MongoCollection<Document> liveViews = views.getCollection(live);
        Set<Object> rebuiltIds = new HashSet<>();
        Flux.from(views.getCollection(rebuilt).find()).concatMap(doc -> {
            rebuiltIds.add(doc.get("_id"));
            return Mono.from(liveViews.find(Filters.eq("_id", doc.get("_id"))).first())
                       .map(current -> current.equals(doc) ? "" : "CHANGED")
                       .defaultIfEmpty("ADDED")
                       .filter(change -> !change.isEmpty())
                       .doOnNext(change -> differences.add(new DiffProjectionQuery.Difference(
                               live, String.valueOf(doc.get("_id")), change)));
        }).then().block();
        Flux.from(liveViews.find().projection(new Document("_id", 1)))
            .map(doc -> doc.get("_id"))
            .filter(id -> !rebuiltIds.contains(id))
            .doOnNext(id -> differences.add(new DiffProjectionQuery.Difference(live, String.valueOf(id), "REMOVED")))
            .then().block();
        return differences;
    }

    /** Waits (a little) until the live processor has reached the position the rebuild went to. */
    private void awaitLiveAt(String name, long position) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ProjectionStatus status = status(name, head());
            if (status == null || status.position() >= position) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long head() {
        return ProcessingConfiguration.headPosition(storage);
    }
}
