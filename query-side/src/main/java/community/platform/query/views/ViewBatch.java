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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;

/**
 * The view writes of one batch of events, held until the batch's last event has been handled and then sent as one
 * bulk write per collection. A processor hands its projections events in batches (one unit of work each); a
 * projection asks {@link #current()} for the batch and reads and writes its documents through it, so a document
 * touched by many events of a batch is read once and written once. The {@link #flushing() interceptor} writes the
 * batch before the unit of work commits, and so before the processor stores its token: a failed write rolls the batch
 * back and its events come again. Outside a unit of work (a test calling a handler) every write goes out at once.
 *
 * <p>Collections are written in the order of their last write in the batch. A projection that records what it has
 * applied in a document of its own (a last sequence) writes that after the event's other writes, so it is written
 * last: if the process dies half-way, the events are applied again rather than skipped.
 *
 * <p>When a handler throws, what it wrote before that stays in the batch; its event goes to the processor's dead
 * letters and is applied again by a retry, which the projections' sequence checks and value-setting writes allow.
 *
 * <p>Documents are cached by id for the batch. That is right because one record's events go to one segment, so only
 * this batch writes the documents that record's events touch.
 */
public final class ViewBatch {

    private static final String RESOURCE = ViewBatch.class.getName();

    private final boolean immediate;
    private final Map<String, Pending> collections = new LinkedHashMap<>();

    private ViewBatch(boolean immediate) {
        this.immediate = immediate;
    }

    /**
     * The batch of the unit of work in progress; outside one, a batch that writes straight away. A unit of work that
     * does not pass the {@link #flushing() interceptor} (a rebuild's, or a dead letter handed back by its queue) writes
     * its batch as it commits, also when it is nested in another (a query's or a command's), whose commit comes later.
     */
    public static ViewBatch current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ViewBatch(true);
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        return current.getOrComputeResource(RESOURCE, key -> {
            ViewBatch batch = new ViewBatch(false);
            current.onPrepareCommit(unitOfWork -> batch.flush());
            return batch;
        });
    }

    /** For every event processor: writes the batch once the last event of its unit of work has been handled. */
    public static MessageHandlerInterceptor<EventMessage<?>> flushing() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                ViewBatch pending = unitOfWork.getResource(RESOURCE);
                if (pending != null) {
                    pending.flush();
                }
            }
            return result;
        };
    }

    /**
     * Hands {@code events} to {@code handlers} in one unit of work, whose view writes go out as it commits. For
     * rebuilds, which feed projections beside their processor and store no token.
     */
    public static void handle(List<? extends EventMessage<?>> events, List<? extends EventMessageHandler> handlers)
            throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            for (EventMessageHandler handler : handlers) {
                if (handler.canHandle(unitOfWork.getMessage())) {
                    handler.handle(unitOfWork.getMessage());
                }
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw result.exceptionResult() instanceof Exception e ? e : new IllegalStateException(result.exceptionResult());
        }
    }

    /** The document with this id as it stands with the batch's writes so far, or null. */
    public Document find(MongoCollection<Document> collection, Object id) {
        Pending pending = collections.get(key(collection));
        if (pending != null && pending.known.containsKey(id)) {
            return pending.known.get(id).orElse(null);
        }
        if (pending != null && (pending.allStale || pending.stale.contains(id))) {
            flush();
        }
        Document stored = Mono.from(collection.find(eq("_id", id)).first()).block();
        if (!immediate) {
            pending(collection).known.put(id, Optional.ofNullable(stored));
        }
        return stored;
    }

    /** Stores {@code document} under its {@code _id}, in place of whatever is there. */
    public void replace(MongoCollection<Document> collection, Document document) {
        Object id = document.get("_id");
        Pending pending = touch(collection);
        ReplaceOneModel<Document> write = new ReplaceOneModel<>(eq("_id", id), document,
                                                                new ReplaceOptions().upsert(true));
        Integer at = pending.replaceAt.get(id);
        if (at != null) {
            pending.writes.set(at, write);
        } else {
            pending.replaceAt.put(id, pending.writes.size());
            pending.writes.add(write);
        }
        pending.known.put(id, Optional.of(document));
        written();
    }

    public void update(MongoCollection<Document> collection, Object id, Bson update, boolean upsert) {
        Pending pending = touch(collection);
        pending.writes.add(new UpdateOneModel<>(eq("_id", id), update, new UpdateOptions().upsert(upsert)));
        pending.replaceAt.remove(id);
        pending.known.remove(id);
        pending.stale.add(id);
        written();
    }

    public void updateMany(MongoCollection<Document> collection, Bson filter, Bson update) {
        Pending pending = touch(collection);
        pending.writes.add(new UpdateManyModel<>(filter, update));
        pending.replaceAt.clear();
        pending.known.clear();
        pending.allStale = true;
        written();
    }

    public void delete(MongoCollection<Document> collection, Object id) {
        Pending pending = touch(collection);
        pending.writes.add(new DeleteOneModel<>(eq("_id", id)));
        pending.replaceAt.remove(id);
        pending.known.put(id, Optional.empty());
        written();
    }

    /** Sends the writes held so far, collection by collection, in the order of their last write. */
    public void flush() {
        for (Pending pending : collections.values()) {
            if (!pending.writes.isEmpty()) {
                Mono.from(pending.collection.bulkWrite(pending.writes, new BulkWriteOptions().ordered(true))).block();
                pending.writes.clear();
                pending.replaceAt.clear();
                pending.stale.clear();
                pending.allStale = false;
            }
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
        final List<WriteModel<Document>> writes = new ArrayList<>();
        /** Where a replacement of an id sits in the writes while no later write touches that id. */
        final Map<Object, Integer> replaceAt = new HashMap<>();
        final Map<Object, Optional<Document>> known = new HashMap<>();
        /** Ids (or, after an update by filter, all) whose documents only the store knows once the writes are sent. */
        final Set<Object> stale = new HashSet<>();
        boolean allStale;

        Pending(MongoCollection<Document> collection) {
            this.collection = collection;
        }
    }
}
