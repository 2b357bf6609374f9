package community.platform.api.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index on one key ({@code _id}, a saga's id) that also answers a query giving that key a plain value beside
 * other conditions, such as {@code {_id: x, courseId: y}}. The H2 backend uses an index only for a query on exactly
 * its keys, so such a query read every document of the collection. Here it finds the one document with that key,
 * which the collection then matches against the whole query as always.
 */
final class UniqueKeyIndex extends Index<Object> {

    private final Index<Object> index;
    private final String key;

    UniqueKeyIndex(Index<Object> index, boolean sparse) {
        super(index.getName(), index.getKeys(), sparse);
        this.index = index;
        this.key = index.getKeys().get(0).getKey();
    }

    @Override
    public boolean canHandle(Document query) {
        return index.canHandle(query) || (query.containsKey(key) && SecondaryIndex.plain(query.get(key)));
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        return index.canHandle(query) ? index.getPositions(query)
                : index.getPositions(new Document(key, query.get(key)));
    }

    @Override
    public Object getPosition(Document document) {
        return index.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        index.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        index.add(document, position, collection);
    }

    @Override
    public Object remove(Document document) {
        return index.remove(document);
    }

    @Override
    public long getCount() {
        return index.getCount();
    }

    @Override
    public boolean isEmpty() {
        return index.isEmpty();
    }

    @Override
    public long getDataSize() {
        return index.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        index.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) throws KeyConstraintError {
        index.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        index.drop();
    }

    @Override
    public boolean isUnique() {
        return index.isUnique();
    }
}
