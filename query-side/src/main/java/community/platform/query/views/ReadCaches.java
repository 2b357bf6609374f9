package community.platform.query.views;

import com.mongodb.reactivestreams.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's {@link ReadCache}s, one per view collection, each bounded by {@code platform.views.cache.max-entries}
 * records, and as many records again in its lists, and by {@code platform.views.cache.max-age}; their hits and misses
 * are counted as Micrometer's {@code cache.gets} with the tag {@code cache} = the collection and {@code .records} or
 * {@code .queries}. {@code platform.views.cache.enabled=false} reads every query from the store.
 */
@Component
public class ReadCaches {

    /** The processing group of the handlers that tell the caches what this instance has seen. */
    public static final String GROUP = "read-caches";

    /** For tests of a view alone: nothing is cached. */
    public static final ReadCaches NONE = new ReadCaches(false, 0, Duration.ofSeconds(1), Optional.empty());

    private final boolean enabled;
    private final long maxEntries;
    private final Duration maxAge;
    private final Optional<MeterRegistry> meters;
    private final Map<String, ReadCache> caches = new ConcurrentHashMap<>();

    @Autowired
    ReadCaches(@Value("${platform.views.cache.enabled:true}") boolean enabled,
               @Value("${platform.views.cache.max-entries:10000}") long maxEntries,
               @Value("${platform.views.cache.max-age:1m}") Duration maxAge,
               ObjectProvider<MeterRegistry> meters) {
        this(enabled, maxEntries, maxAge, Optional.ofNullable(meters.getIfAvailable()));
    }

    /** For tests: caching, without meters. */
    public ReadCaches(long maxEntries, Duration maxAge) {
        this(true, maxEntries, maxAge, Optional.empty());
    }

    private ReadCaches(boolean enabled, long maxEntries, Duration maxAge, Optional<MeterRegistry> meters) {
        this.enabled = enabled;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.meters = meters;
    }

    /** The cache of the reads of {@code views}; one per collection. */
    public ReadCache of(MongoCollection<Document> views) {
        if (!enabled) {
            return ReadCache.none(views);
        }
        return caches.computeIfAbsent(views.getNamespace().getCollectionName(), name -> {
            ReadCache cache = new ReadCache(views, true, maxEntries, maxAge);
            meters.ifPresent(registry -> {
                CaffeineCacheMetrics.monitor(registry, cache.records(), name + ".records", Tags.empty());
                CaffeineCacheMetrics.monitor(registry, cache.queries(), name + ".queries", Tags.empty());
            });
            return cache;
        });
    }

    /** Every cache here: see {@link ReadCache#suspend}. */
    public void suspendAll(Duration period) {
        caches.values().forEach(cache -> cache.suspend(period));
    }
}
