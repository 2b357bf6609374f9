package community.platform.api.storage;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonBinarySubType;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded store's file keeps documents and keys as BSON; files in the earlier format stay readable. */
class EmbeddedStoreFormatTest {

    @TempDir
    Path dataDirectory;

    private void withCollection(Consumer<MongoCollection<Document>> use) {
        try (EmbeddedStore store = EmbeddedStore.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            use.accept(client.getDatabase("format").getCollection("things"));
        }
    }

    @Test
    void everyValueTypeComesBackAfterARestart() {
        Document stored = new Document("_id", new ObjectId())
                .append("text", "春联 couplet").append("int", 42).append("long", 1L << 40).append("double", 0.5)
                .append("decimal", new Decimal128(new BigDecimal("12.30"))).append("flag", true)
                .append("date", new Date(1_700_000_000_000L)).append("id", new ObjectId())
                .append("binary", new Binary(new byte[]{1, 2, 3})).append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("nothing", null).append("nested", new Document("list", List.of(1, "two", new Document("x", 3))))
                .append("regex", new BsonRegularExpression("^a", "i")).append("timestamp", new BsonTimestamp(5, 1))
                .append("min", new MinKey()).append("max", new MaxKey());
        withCollection(things -> things.insertOne(stored));
        withCollection(things -> assertThat(things.find().first()).isEqualTo(stored));
    }

    @Test
    void idsAndUniqueIndexesKeepMongoDbsRulesAcrossARestart() {
        withCollection(things -> {
            things.createIndex(Indexes.ascending("post", "user"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", "a").append("post", "p1").append("user", "u1"));
            things.insertOne(new Document("_id", 1).append("post", "p1").append("user", "u2"));
            things.insertOne(new Document("_id", "1").append("post", "p2"));
        });
        withCollection(things -> {
            assertThat(things.find(new Document("_id", 1)).first()).containsEntry("user", "u2");
            assertThat(things.find(new Document("_id", "1")).first()).containsEntry("post", "p2");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 1L))).isInstanceOf(MongoWriteException.class)
                                                                                .hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "b").append("post", "p1").append("user", "u1")))
                    .hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "c").append("post", "p2")))
                    .as("a second document without a user under the same post").hasMessageContaining("duplicate key");
            things.insertOne(new Document("_id", "d").append("post", "p2").append("user", "u1"));
            assertThat(things.countDocuments()).isEqualTo(4);
        });
    }

    @Test
    void keysThatMongoDbOrdersAlikeButAreNotEqualStayApart() {
        List<Object> keys = List.of(1, 1L, 1.0, "1", Missing.getInstance(), new KeyValue("a", 1),
                                    new KeyValue("a", 1L), new KeyValue("a", Missing.getInstance()),
                                    new de.bwaldvogel.mongo.bson.ObjectId());
        for (Object a : keys) {
            for (Object b : keys) {
                int order = BsonDataTypes.KEY.compare(a, b);
                assertThat(order == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(order)).isEqualTo(-Integer.signum(BsonDataTypes.KEY.compare(b, a)));
            }
        }
    }

    @Test
    void aFileInTheEarlierFormatIsStillReadAndWritten() {
        MVStore legacy = new MVStore.Builder().fileName(dataDirectory.resolve(EmbeddedStore.FILE_NAME).toString())
                                              .open();
        MongoServer server = new MongoServer(new H2Backend(legacy));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            client.getDatabase("format").getCollection("things").insertOne(new Document("_id", "old"));
        } finally {
            server.shutdownNow();
        }
        withCollection(things -> {
            assertThat(things.find(new Document("_id", "old")).first()).isNotNull();
            things.insertOne(new Document("_id", "new"));
        });
        withCollection(things -> assertThat(things.countDocuments()).isEqualTo(2));
    }
}
