package community.platform.api.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.lang.reflect.Field;
import java.util.List;

/**
 * The H2 backend's database with its maps opened with {@link BsonDataTypes}. H2 hands an open map to whoever opens it
 * by name again, so opening each map here first, with the types, is all the H2 backend needs. The map names are the
 * ones {@link H2Database} gives. Its indexes answer more queries than the backend's own: non-unique ones ({@link
 * SecondaryIndex}), and a query on a unique key and more ({@link UniqueKeyIndex}).
 */
final class BsonH2Database extends H2Database {

    /**
     * The backend's store. Read from the superclass, which sets it before its constructor opens the collections (a
     * field of this class would not be set yet then).
     */
    private static final Field STORE;

    static {
        try {
            STORE = H2Database.class.getDeclaredField("mvStore");
            STORE.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    BsonH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        open("databases." + getFullCollectionNamespace(collectionName), BsonDataTypes.DOCUMENT);
        return super.openOrCreateCollection(collectionName, options);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        open(getFullCollectionNamespace(collectionName) + "._index_" + indexName, BsonDataTypes.KEY);
        Index<Object> index = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        return keys.size() == 1 ? new UniqueKeyIndex(index, sparse) : index;
    }

    /** Non-unique indexes are kept in memory ({@link SecondaryIndex}); the H2 backend would ignore them. */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        return new SecondaryIndex(indexName, keys);
    }

    private <V> void open(String name, org.h2.mvstore.type.DataType<V> valueType) {
        try {
            ((MVStore) STORE.get(this)).openMap(name, new MVMap.Builder<Object, V>().keyType(BsonDataTypes.KEY)
                                                                                      .valueType(valueType));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
