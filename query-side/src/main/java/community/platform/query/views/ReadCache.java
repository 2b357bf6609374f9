package community.platform.query.views;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * This instance's cache of the reads of one view (one collection, one document per record with its last sequence
 * applied), so that readers do not queue behind the store's commits. Readers of one key at one moment share one read
 * of the store. It is told of every event of the view's records
 * by a {@code PerInstance} handler ({@link #seen}), which runs on every instance over the whole log, so a change
 * projected by any instance evicts here as soon as this instance's processor has read the event.
 *
 * <p>The rule it holds: a kept answer is never served older than the last event this instance has seen of the
 * records it covers. The handler may see an event before the projection (here or on another instance) has written it,
 * and a read in between loads the old view: that read is answered as the store has it, to the readers who asked while
 * it was under way, and is dropped when it completes, never served again.
 * <ul>
 *     <li>A record's read keeps the sequence its document had; it is served only while that is at least the last
 *     sequence seen of the record.</li>
 *     <li>A read over many records (a list) is served only if no event that it may cover was seen since it started,
 *     and if, when it started, the view was known to hold every event seen so far. Events seen but not yet known to
 *     be in the view are checked by one query of their records' sequences ({@link #settle}); while one is still
 *     missing, lists are read from the store and not kept.</li>
 * </ul>
 * What an event has not been seen of yet may be older in the cache than in the store: that is the bound of the live
 * updates too. Views changed without an event of their record (a rebuild's copy, an erasure's scrub) are covered by
 * the entries' maximum age and by {@link #suspend}.
 */
public final class ReadCache {

    /** How long what was seen of a record is remembered: far longer than a projection's lag, and than any entry. */
    private static final Duration REMEMBERED = Duration.ofMinutes(10);

    /** A record's view with the last sequence it had applied. */
    public record Versioned<V>(V value, long sequence) {
    }

    private record RecordKey(String id) {
    }

    /** What a read found; {@code tick} and {@code settled} for reads over many records. */
    private record Loaded(Object value, long sequence, long tick, boolean settled, long startedAt) {
    }

    /**
     * The last event seen of a record, and the newest sequence its view was read with since; {@code gone} when that
     * event removes the view's document.
     */
    private record Mark(long seen, long confirmed, boolean gone, long seenAt) {

        boolean pending() {
            return confirmed < seen;
        }
    }

    private final MongoCollection<Document> views;
    private final boolean enabled;
    private final AsyncCache<RecordKey, Loaded> records;
    private final AsyncCache<Object, Loaded> queries;
    private final Cache<String, Mark> marks;
    /** The tick of the last event that touched each query told of by name ({@link #seen(String, long, Object)}). */
    private final Cache<Object, Long> touched;
    /** Records with an event seen that the view was not yet seen to hold. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong ticks = new AtomicLong();
    /** The tick of the last event that touched every query. */
    private final AtomicLong everything = new AtomicLong();
    private volatile long suspendedUntil = System.nanoTime();

    /** A cache that keeps nothing: every read goes to the store (tests of the views alone). */
    static ReadCache none(MongoCollection<Document> views) {
        return new ReadCache(views, false, 0, Duration.ofSeconds(1));
    }

    ReadCache(MongoCollection<Document> views, boolean enabled, long maxEntries, Duration maxAge) {
        this.views = views;
        this.enabled = enabled;
        this.records = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(maxAge).recordStats().buildAsync();
        // a list weighs as many records as it holds
        this.queries = Caffeine.newBuilder().maximumWeight(maxEntries)
                               .<Object, Loaded>weigher((query, loaded) -> loaded.value() instanceof Collection<?> c
                                       ? Math.max(1, c.size()) : 1)
                               .expireAfterWrite(maxAge).recordStats().buildAsync();
        Duration remembered = REMEMBERED.compareTo(maxAge.multipliedBy(2)) > 0 ? REMEMBERED : maxAge.multipliedBy(2);
        // the listener runs within the removal, so it cannot drop a mark made again meanwhile
        this.marks = Caffeine.newBuilder().expireAfter(sinceSeen(remembered))
                             .<String, Mark>evictionListener((id, mark, cause) -> pending.remove(id))
                             .build();
        this.touched = Caffeine.newBuilder().expireAfterWrite(remembered).build();
    }

    AsyncCache<?, ?> records() {
        return records;
    }

    AsyncCache<?, ?> queries() {
        return queries;
    }

    /**
     * The view of record {@code id} as {@code read} makes it from its document (keyed by the id, with its
     * {@code lastSequence}); empty when there is none (an empty answer is not kept). It is the cached read while that
     * holds the last event seen of the record; else, and always when {@code fresh} is given (a caller waiting for its
     * own write, see {@code FreshReads}), the store's, and what is cached of the record from before is then not served
     * again.
     */
    public <V> Mono<Versioned<V>> record(String id, Function<Document, V> read, Object fresh) {
        Mono<Versioned<V>> stored = Mono.from(views.find(Filters.eq("_id", id)).first())
                .map(d -> new Versioned<>(read.apply(d), ((Number) d.get("lastSequence")).longValue()));
        return fresh == null ? cachedRecord(id, stored, true)
                             : stored.doOnNext(loaded -> observed(id, loaded.sequence()));
    }

    /** {@code again}: a stale entry found is read again once through the cache, so that the new read is kept. */
    @SuppressWarnings("unchecked")
    private <V> Mono<Versioned<V>> cachedRecord(String id, Mono<Versioned<V>> load, boolean again) {
        RecordKey key = new RecordKey(id);
        return Mono.defer(() -> {
            if (!enabled || suspended()) {
                return load.doOnNext(read -> confirm(id, read.sequence()));
            }
            CompletableFuture<Loaded> cached = records.get(key, (k, executor) -> loadRecord(id, load).toFuture());
            boolean joined = !cached.isDone();
            cached.thenAccept(loaded -> {
                if (loaded != null && !currentRecord(id, loaded)) {
                    records.asMap().remove(key, cached);
                }
            });
            // shared by every reader of the key: one reader going away does not cancel the others' read
            return Mono.fromFuture(cached, true).flatMap(loaded -> {
                if (joined || currentRecord(id, loaded)) {
                    return Mono.just((Versioned<V>) loaded.value());
                }
                records.asMap().remove(key, cached);
                return again ? cachedRecord(id, load, false)
                             : loadRecord(id, load).map(read -> (Versioned<V>) read.value());
            });
        });
    }

    /**
     * A read over many records, keyed by its query: the cached answer while no event it may cover was seen since it
     * was read, else {@code load}; always {@code load} when {@code fresh} is given. An empty answer is not kept.
     */
    public <V> Mono<V> query(Object query, Mono<V> load, Object fresh) {
        return fresh == null ? cachedQuery(query, load, true) : load;
    }

    @SuppressWarnings("unchecked")
    private <V> Mono<V> cachedQuery(Object query, Mono<V> load, boolean again) {
        return Mono.defer(() -> {
            if (!enabled || suspended()) {
                return load;
            }
            CompletableFuture<Loaded> cached = queries.get(query, (k, executor) -> loadQuery(load).toFuture());
            boolean joined = !cached.isDone();
            cached.thenAccept(loaded -> {
                // an empty answer is not kept: a caller could fill the cache with filters that match nothing
                if (loaded != null && (!currentQuery(query, loaded)
                                       || loaded.value() instanceof Collection<?> answer && answer.isEmpty())) {
                    queries.asMap().remove(query, cached);
                }
            });
            return Mono.fromFuture(cached, true).flatMap(loaded -> {
                if (joined || currentQuery(query, loaded)) {
                    return Mono.just((V) loaded.value());
                }
                queries.asMap().remove(query, cached);
                return again ? cachedQuery(query, load, false) : loadQuery(load).map(read -> (V) read.value());
            });
        });
    }

    /** This instance has seen event {@code sequence} of record {@code id}, which may change any query's answer. */
    public void seen(String id, long sequence) {
        seen(id, sequence, false, null);
    }

    /** As {@link #seen(String, long)}, for an event that changes only the answer to {@code query}. */
    public void seen(String id, long sequence, Object query) {
        seen(id, sequence, false, query);
    }

    /** As {@link #seen(String, long)}, for an event that removes the record's document from the view. */
    public void gone(String id, long sequence) {
        seen(id, sequence, true, null);
    }

    /**
     * A read straight from the store (a caller waiting for its own write) found the record at {@code sequence}: what
     * is cached of it from before is not served again, here either.
     */
    public void observed(String id, long sequence) {
        if (!enabled) {
            return;
        }
        Mark mark = marks.getIfPresent(id);
        if (mark == null || mark.seen() < sequence) {
            seen(id, sequence);
        }
        confirm(id, sequence);
    }

    /**
     * Keeps nothing until {@code period} has passed, and serves nothing read before then: for changes to the view that
     * no event of its records announces (an erasure scrubs names from many records), which the projections make within
     * their lag.
     */
    public void suspend(Duration period) {
        suspendedUntil = System.nanoTime() + period.toNanos();
        records.synchronous().invalidateAll();
        queries.synchronous().invalidateAll();
    }

    /**
     * The mark goes first, the tick after: a list read that takes a tick at or after this event's also finds the mark
     * pending when it settles, so it does not keep an answer read before the view holds the event.
     */
    private void seen(String id, long sequence, boolean gone, Object query) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        marks.asMap().compute(id, (k, mark) -> {
            Mark next = mark == null || mark.seen() < sequence
                    ? new Mark(sequence, mark == null ? -1 : mark.confirmed(), gone, now)
                    : mark;
            if (next.pending()) {
                pending.add(id);
            }
            return next;
        });
        long tick = ticks.incrementAndGet();
        if (query == null) {
            everything.accumulateAndGet(tick, Math::max);
            queries.synchronous().invalidateAll();
        } else {
            touched.asMap().merge(query, tick, Long::max);
            queries.synchronous().invalidate(query);
        }
        records.synchronous().invalidate(new RecordKey(id));
    }

    /** The store was read with the record at {@code sequence}: the view holds every event up to it. */
    private void confirm(String id, long sequence) {
        Mark mark = marks.getIfPresent(id);
        if (mark == null || mark.confirmed() >= sequence) {
            return;
        }
        marks.asMap().computeIfPresent(id, (k, before) -> {
            Mark next = before.confirmed() >= sequence ? before
                    : new Mark(before.seen(), sequence, before.gone(), before.seenAt());
            if (!next.pending()) {
                pending.remove(id);
            }
            return next;
        });
    }

    /** The store was read without the record's document: that holds a removal seen. */
    private void confirmAbsent(String id) {
        marks.asMap().computeIfPresent(id, (k, before) -> {
            if (!before.gone()) {
                return before;
            }
            pending.remove(id);
            return new Mark(before.seen(), before.seen(), true, before.seenAt());
        });
    }

    /** Whether the record still waits for the view; forgets it when not (under the mark's lock, as it is added). */
    private boolean stillPending(String id) {
        boolean[] still = {false};
        marks.asMap().compute(id, (k, mark) -> {
            if (mark == null || !mark.pending()) {
                pending.remove(id);
            } else {
                still[0] = true;
            }
            return mark;
        });
        return still[0];
    }

    private boolean suspended() {
        return System.nanoTime() - suspendedUntil < 0;
    }

    private boolean currentRecord(String id, Loaded loaded) {
        Mark mark = marks.getIfPresent(id);
        return loaded.startedAt() - suspendedUntil >= 0 && (mark == null || loaded.sequence() >= mark.seen());
    }

    private boolean currentQuery(Object query, Loaded loaded) {
        if (!loaded.settled() || loaded.startedAt() - suspendedUntil < 0 || everything.get() > loaded.tick()) {
            return false;
        }
        Long last = touched.getIfPresent(query);
        return last == null || last <= loaded.tick();
    }

    private Mono<Loaded> loadRecord(String id, Mono<? extends Versioned<?>> load) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return load.map(read -> {
                confirm(id, read.sequence());
                return new Loaded(read, read.sequence(), 0, true, started);
            });
        });
    }

    /** The tick is taken before the view is checked and read: an event seen later has a later tick. */
    private <V> Mono<Loaded> loadQuery(Mono<V> load) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            long tick = ticks.get();
            return settle().flatMap(settled -> load.map(value -> new Loaded(value, -1, tick, settled, started)));
        });
    }

    /**
     * Whether the view holds every event seen so far: those not yet known to be in it are looked up by their
     * records' sequences (usually none, or the few of the projection's lag).
     */
    private Mono<Boolean> settle() {
        List<String> waiting = pending.stream().filter(this::stillPending).toList();
        if (waiting.isEmpty()) {
            return Mono.just(true);
        }
        return Flux.from(views.find(Filters.in("_id", waiting)).projection(Projections.include("lastSequence")))
                   .doOnNext(stored -> confirm(stored.getString("_id"),
                                               ((Number) stored.get("lastSequence")).longValue()))
                   .map(stored -> stored.getString("_id"))
                   .collect(Collectors.toSet())
                   .map(found -> {
                       waiting.stream().filter(id -> !found.contains(id)).forEach(this::confirmAbsent);
                       return waiting.stream().noneMatch(this::stillPending);
                   });
    }

    /** A record's mark lasts {@code remembered} from the event it last saw, whatever was confirmed since. */
    private static Expiry<String, Mark> sinceSeen(Duration remembered) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String id, Mark mark, long now) {
                return Math.max(0, remembered.toNanos() - (now - mark.seenAt()));
            }

            @Override
            public long expireAfterUpdate(String id, Mark mark, long now, long left) {
                return expireAfterCreate(id, mark, now);
            }

            @Override
            public long expireAfterRead(String id, Mark mark, long now, long left) {
                return left;
            }
        };
    }
}
