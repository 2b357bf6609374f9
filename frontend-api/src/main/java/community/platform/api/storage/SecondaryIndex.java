package community.platform.api.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A non-unique index of the embedded store, kept in memory and built again from the collection when the store opens.
 * The H2 backend ignores non-unique indexes, so without it a query on one (the sagas' lookup by association) reads
 * every document of the collection. It answers a query that gives each of its keys a plain value (a string, number,
 * flag, time, id or a sub-document of those: an equality); any other query reads the collection as before. What it
 * answers is the documents that hold those values, which the collection then matches against the whole query as
 * always, so an answer here can hold more than the query matches, never less. (Sub-documents are indexed with their
 * fields in one order, as the store's matcher compares them regardless of order.)
 * <p>
 * A document's position in the H2 backend is its {@code _id}, which is how a removed document is found here.
 */
final class SecondaryIndex extends Index<Object> {

    private final Map<KeyValue, Set<Object>> positions = new HashMap<>();

    SecondaryIndex(String name, List<IndexKey> keys) {
        super(name, keys, true); // sparse: a document may hold none of its keys, and removal answers no position
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return query.keySet().equals(keySet()) && query.values().stream().allMatch(SecondaryIndex::plain);
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        KeyValue queried = new KeyValue(keys().stream().map(query::get).toList()).normalized();
        return new ArrayList<>(positions.getOrDefault(sorted(queried), Set.of()));
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        getKeyValues(document); // refuses what a multikey index cannot hold, as MongoDB does
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue key : keysOf(document)) {
            positions.computeIfAbsent(key, any -> new HashSet<>()).add(position);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        remove(document, document.get("_id"));
        return null;
    }

    private void remove(Document document, Object position) {
        for (KeyValue key : keysOf(document)) {
            Set<Object> held = positions.get(key);
            if (held != null && held.remove(position) && held.isEmpty()) {
                positions.remove(key);
            }
        }
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            remove(oldDocument, position);
            add(newDocument, position, collection);
        }
    }

    /** Not unique: no single position belongs to a document's keys. */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public synchronized long getCount() {
        return positions.values().stream().mapToLong(Set::size).sum();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        positions.clear();
    }

    private Set<KeyValue> keysOf(Document document) {
        Set<KeyValue> keys = new HashSet<>();
        getKeyValues(document).forEach(key -> keys.add(sorted(key)));
        return keys;
    }

    private static KeyValue sorted(KeyValue key) {
        return new KeyValue(key.stream().map(SecondaryIndex::sorted).toList());
    }

    private static Object sorted(Object value) {
        if (value instanceof Document document) {
            Document sorted = new Document();
            new TreeMap<>(document).forEach((field, inner) -> sorted.put(field, sorted(inner)));
            return sorted;
        }
        return value instanceof List<?> list ? list.stream().map(SecondaryIndex::sorted).toList() : value;
    }

    /** An equality on this value can be looked up: a string, number, flag, time, id, or a sub-document of those. */
    static boolean plain(Object value) {
        if (value instanceof Document document) {
            return document.keySet().stream().noneMatch(key -> key.startsWith("$"))
                    && document.values().stream().allMatch(SecondaryIndex::plain);
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Instant || value instanceof Date || value instanceof ObjectId
                || value instanceof UUID;
    }
}
