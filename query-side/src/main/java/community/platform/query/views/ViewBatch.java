package community.platform.query.views;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

import static com.mongodb.client.model.Filters.eq;

/**
 * The view writes of one batch of events, held until the batch's last event has been handled and then sent as one
 * bulk write per collection. A processor hands its projections events in batches (one unit of work each); a
 * projection asks {@link #current()} for the batch and reads and writes its documents through it, so a document
 * touched by many events of a batch is read once and written once. The {@link #flushing() interceptor} writes the
 * batch before the unit of work commits, and so before the processor stores its token: a failed write rolls the batch
 * back and its events come again, also when they were sent part-way through the batch.
 * Outside a unit of work (a test calling a handler) every write goes out at once.
 *
 * <p>Collections are written in the order of their last write in the batch. A projection that records what it has
 * applied in a document of its own (a last sequence) writes that after the event's other writes, so it is written
 * last: if the process dies half-way, the events are applied again rather than skipped. A collection marked
 * {@link #last} goes after all the others whatever the order of the writes.
 *
 * <p>When a handler throws, what it wrote before that stays in the batch; its event goes to the processor's dead
 * letters (written with the batch) and is applied again by a retry, which the projections' sequence checks and
 * value-setting writes allow.
 *
 * <p>Documents are cached by id for the batch. That is right because one record's events go to one segment, so only
 * this batch writes the documents that record's events touch. A live processor may keep them for its next batch too
 * ({@link KeptViews}).
 */
public final class ViewBatch {

    static final String RESOURCE = ViewBatch.class.getName();
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** Documents a {@link WriteBehind} keeps cached at most, unless told otherwise. */
    private static final int CACHED = 20_000;

    private final boolean immediate;
    private final int cachedAtMost;
    private final Map<String, Pending> collections = new LinkedHashMap<>();
    private CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);

    private ViewBatch(boolean immediate) {
        this(immediate, CACHED);
    }

    private ViewBatch(boolean immediate, int cachedAtMost) {
        this.immediate = immediate;
        this.cachedAtMost = cachedAtMost;
    }

    /**
     * The batch of the unit of work in progress; outside one, a batch that writes straight away. A unit of work
     * writes its batch as it commits, also one that does not pass the {@link #flushing() interceptor} or is nested in
     * another (a query's or a command's), whose commit comes later.
     */
    public static ViewBatch current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ViewBatch(true);
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        ViewBatch batch = current.getResource(RESOURCE);
        return batch != null ? batch : attach(current, new ViewBatch(false));
    }

    /** Makes {@code batch} the batch of {@code unitOfWork}, written as the unit commits. */
    static ViewBatch attach(UnitOfWork<?> unitOfWork, ViewBatch batch) {
        unitOfWork.resources().put(RESOURCE, batch);
        unitOfWork.onPrepareCommit(committing -> batch.flush());
        return batch;
    }

    /** A live processor's batch, whose documents stay cached for its next units of work ({@link KeptViews}). */
    static ViewBatch kept(int cachedAtMost) {
        return new ViewBatch(false, cachedAtMost);
    }

    /**
     * For every event processor: writes the batch once the last event of its unit of work has been handled, or at once
     * when writes of the batch have failed, which throws their failure and so rolls the unit of work back (a handler
     * that met it may have had its exception caught, by the dead-letter queue or the processor's error handler).
     */
    public static MessageHandlerInterceptor<EventMessage<?>> flushing() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            ViewBatch pending = unitOfWork.getResource(RESOURCE);
            if (pending != null && (pending.sending.isCompletedExceptionally()
                    || !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage())) {
                pending.flush();
            }
            return result;
        };
    }

    /**
     * For replays, which feed projections beside their processor and store no token: hands events to projections in
     * units of work, one {@link #handle call} each, and writes behind. A unit's writes go out as it commits while the
     * next unit is handled, and documents stay cached from one unit to the next (up to {@value #CACHED} of them, or
     * the number given), so a record whose events span units is read once. A read of a document that writes still on
     * their way may change waits for them. Only the replay may write the collections it is given.
     */
    public static final class WriteBehind {

        private final ViewBatch batch;

        public WriteBehind() {
            this(CACHED);
        }

        /** Keeping at most {@code cachedAtMost} documents: for many write-behinds at once. */
        public WriteBehind(int cachedAtMost) {
            batch = new ViewBatch(false, cachedAtMost);
        }

        /**
         * Hands {@code events} to {@code handlers} in one unit of work, which holds only the events a handler can
         * handle; throws what a handler or an earlier write threw. The writes of the units before are in before any
         * handler is called (so a failed write surfaces here, not inside a handler), and so once it returns.
         */
        public void handle(List<? extends EventMessage<?>> events, List<? extends EventMessageHandler> handlers)
                throws Exception {
            batch.awaitSent();
            List<EventMessage<?>> handled = new ArrayList<>();
            for (EventMessage<?> event : events) {
                if (handlers.stream().anyMatch(handler -> handler.canHandle(event))) {
                    handled.add(event);
                }
            }
            if (handled.isEmpty()) {
                batch.send();
                return;
            }
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(handled);
            unitOfWork.resources().put(RESOURCE, batch);
            unitOfWork.onPrepareCommit(committing -> batch.send());
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                for (EventMessageHandler handler : handlers) {
                    if (handler.canHandle(unitOfWork.getMessage())) {
                        handler.handle(unitOfWork.getMessage());
                    }
                }
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                throw result.exceptionResult() instanceof Exception e ? e
                                                                      : new IllegalStateException(result.exceptionResult());
            }
        }

        /** Waits for the last writes. */
        public void finish() {
            batch.flush();
        }
    }

    /** The document with this id as it stands with the batch's writes so far, or null. */
    public Document find(MongoCollection<Document> collection, Object id) {
        Pending pending = collections.get(key(collection));
        if (pending != null && pending.unmade.containsKey(id)) {
            pending.known.put(id, Optional.of(pending.unmade.remove(id).get()));
        }
        if (pending != null && pending.known.containsKey(id)) {
            return pending.known.get(id).orElse(null);
        }
        if (pending != null && (pending.allStale || pending.stale.contains(id))) {
            flush();
        } else if (pending != null && (pending.sentAllStale || pending.sentStale.contains(id))) {
            awaitSent();
        }
        Document stored = Mono.from(collection.find(eq("_id", id)).first()).block();
        if (!immediate) {
            pending(collection).known.put(id, Optional.ofNullable(stored));
        }
        return stored;
    }

    /**
     * The document with this id as {@code read} makes it (null when there is none), kept as that object for the batch.
     * With {@link #replace(MongoCollection, Object, Object, Function)} a view that many events of a batch change is
     * read into an object once and made into a document once, when the batch is written.
     */
    @SuppressWarnings("unchecked")
    public <T> T find(MongoCollection<Document> collection, Object id, Function<Document, T> read) {
        Pending pending = collections.get(key(collection));
        if (pending != null && pending.objects.containsKey(id)) {
            return (T) pending.objects.get(id);
        }
        Document stored = find(collection, id);
        T object = stored == null ? null : read.apply(stored);
        if (!immediate) {
            pending(collection).objects.put(id, object);
        }
        return object;
    }

    /** Stores the document that {@code write} makes of {@code object} under {@code id}, made when it is written. */
    public <T> void replace(MongoCollection<Document> collection, Object id, T object, Function<T, Document> write) {
        if (immediate) {
            replace(collection, write.apply(object));
            return;
        }
        Pending pending = touch(collection);
        Document[] made = {null};
        Supplier<Document> document = () -> made[0] == null ? made[0] = write.apply(object) : made[0];
        pending.replace(id, () -> new ReplaceOneModel<>(eq("_id", id), document.get(), UPSERT));
        pending.known.remove(id);
        pending.unmade.put(id, document);
        pending.objects.put(id, object);
    }

    /** Stores {@code document} under its {@code _id}, in place of whatever is there. */
    public void replace(MongoCollection<Document> collection, Document document) {
        Object id = document.get("_id");
        Pending pending = touch(collection);
        ReplaceOneModel<Document> write = new ReplaceOneModel<>(eq("_id", id), document, UPSERT);
        pending.replace(id, () -> write);
        pending.forget(id);
        pending.known.put(id, Optional.of(document));
        written();
    }

    public void update(MongoCollection<Document> collection, Object id, Bson update, boolean upsert) {
        Pending pending = touch(collection);
        UpdateOneModel<Document> write = new UpdateOneModel<>(eq("_id", id), update, new UpdateOptions().upsert(upsert));
        pending.writes.add(() -> write);
        pending.replaceAt.remove(id);
        pending.forget(id);
        pending.stale.add(id);
        written();
    }

    public void updateMany(MongoCollection<Document> collection, Bson filter, Bson update) {
        Pending pending = touch(collection);
        UpdateManyModel<Document> write = new UpdateManyModel<>(filter, update);
        pending.writes.add(() -> write);
        pending.replaceAt.clear();
        pending.known.clear();
        pending.unmade.clear();
        pending.objects.clear();
        pending.allStale = true;
        written();
    }

    public void delete(MongoCollection<Document> collection, Object id) {
        Pending pending = touch(collection);
        DeleteOneModel<Document> write = new DeleteOneModel<>(eq("_id", id));
        pending.writes.add(() -> write);
        pending.replaceAt.remove(id);
        pending.forget(id);
        pending.known.put(id, Optional.empty());
        written();
    }

    /**
     * Writes {@code collection} after every other collection of this batch, whatever the order of the writes: for a
     * view that tells a waiting reader that the others hold the event (a decision, answered once its course shows it).
     */
    public void last(MongoCollection<Document> collection) {
        pending(collection).last = true;
    }

    /** Sends the writes held so far, collection by collection, in the order of their last write, and waits for them. */
    public void flush() {
        send();
        awaitSent();
    }

    /**
     * Starts sending the writes held so far, once the ones sent before are in. The documents of those writes stay
     * cached, unless more than the batch keeps are: then it waits for the writes and forgets them all.
     */
    private void send() {
        awaitSent();
        Mono<Void> sent = Mono.empty();
        int cached = 0;
        List<Pending> order = new ArrayList<>(collections.values());
        order.sort(Comparator.comparing(pending -> pending.last));
        for (Pending pending : order) {
            if (!pending.writes.isEmpty()) {
                List<WriteModel<Document>> writes = pending.writes.stream().<WriteModel<Document>>map(Supplier::get).toList();
                sent = sent.then(Mono.from(pending.collection.bulkWrite(writes, new BulkWriteOptions().ordered(true))))
                           .then();
                pending.writes.clear();
                pending.replaceAt.clear();
                pending.sentStale.addAll(pending.stale);
                pending.sentAllStale |= pending.allStale;
                pending.stale.clear();
                pending.allStale = false;
            }
            cached += pending.known.size() + pending.unmade.size() + pending.objects.size();
        }
        sending = sent.toFuture();
        if (cached > cachedAtMost) {
            awaitSent();
            collections.clear();
        }
    }

    /** Waits for the writes sent; once they have failed, every later wait throws their failure again. */
    private void awaitSent() {
        try {
            sending.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        for (Pending pending : collections.values()) {
            pending.sentStale.clear();
            pending.sentAllStale = false;
        }
    }

    private void written() {
        if (immediate) {
            flush();
            collections.clear();
        }
    }

    /** A collection's writes, moved to the end of the write order. */
    private Pending touch(MongoCollection<Document> collection) {
        Pending pending = collections.remove(key(collection));
        if (pending == null) {
            pending = new Pending(collection);
        }
        collections.put(key(collection), pending);
        return pending;
    }

    private Pending pending(MongoCollection<Document> collection) {
        return collections.computeIfAbsent(key(collection), k -> new Pending(collection));
    }

    private static String key(MongoCollection<Document> collection) {
        return collection.getNamespace().getFullName();
    }

    /** One collection's writes in order, and the documents of this batch as they will be once written. */
    private static final class Pending {
        final MongoCollection<Document> collection;
        /** Made when sent, so that a document replaced by many events of the batch is made once. */
        final List<Supplier<WriteModel<Document>>> writes = new ArrayList<>();
        /** Where a replacement of an id sits in the writes while no later write touches that id. */
        final Map<Object, Integer> replaceAt = new HashMap<>();
        final Map<Object, Optional<Document>> known = new HashMap<>();
        /** Documents replaced by an object, not made yet; and the objects finds and replacements left, by id. */
        final Map<Object, Supplier<Document>> unmade = new HashMap<>();
        final Map<Object, Object> objects = new HashMap<>();
        /** Ids (or, after an update by filter, all) whose documents only the store knows once the writes are sent. */
        final Set<Object> stale = new HashSet<>();
        boolean allStale;
        /** The same for writes sent and not known to be in. */
        final Set<Object> sentStale = new HashSet<>();
        boolean sentAllStale;
        /** Written after the collections not marked so ({@link ViewBatch#last}). */
        boolean last;

        Pending(MongoCollection<Document> collection) {
            this.collection = collection;
        }

        /** Puts a replacement of {@code id} in the place of the last one, if no other write touched id since. */
        void replace(Object id, Supplier<WriteModel<Document>> write) {
            Integer at = replaceAt.get(id);
            if (at != null) {
                writes.set(at, write);
            } else {
                replaceAt.put(id, writes.size());
                writes.add(write);
            }
        }

        void forget(Object id) {
            known.remove(id);
            unmade.remove(id);
            objects.remove(id);
        }
    }
}
