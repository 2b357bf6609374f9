package community.platform.command.handling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's cache over a bounded Caffeine cache, where a missing value is computed atomically: a change to a key waits
 * while its value is being computed. Axon's own caches compute a missing value and then put it, so with its
 * {@link org.axonframework.modelling.saga.repository.CachingSagaStore} a saga stored between a lookup's read and its
 * put would be missing from what the cache keeps for that association, and its process would not hear of the events
 * that concern it.
 */
final class AtomicCache implements org.axonframework.common.caching.Cache {

    private final Cache<Object, Object> entries;

    AtomicCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> value) {
        return (T) entries.get(key, missing -> value.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        // compute, not computeIfPresent: Caffeine answers the latter for a key it has no value for yet without waiting
        entries.asMap().compute(key, (present, value) -> value == null ? null : update.apply((V) value));
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("this cache tells no listener of its entries");
    }
}
