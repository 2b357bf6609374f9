package community.platform.api.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's non-unique indexes, on the durable backend over a real connection, with the sagas' own shape
 * and queries (the Mongo extension's saga store): a lookup by type and association finds exactly the sagas that hold
 * it, through inserts, updates of the associations, removals and a restart of the store.
 */
class SecondaryIndexTest {

    @TempDir
    Path data;

    private MongoClient client;

    @Test
    void aLookupByAssociationFindsExactlyTheSagasHoldingIt() {
        withSagas(sagas -> {
            sagas.insertOne(saga("s1", "Enrollment", association("courseId", "c1"), association("enrollmentId", "e1")));
            sagas.insertOne(saga("s2", "Enrollment", association("courseId", "c1"), association("enrollmentId", "e2")));
            sagas.insertOne(saga("s3", "Duties", association("courseId", "c1")));
            sagas.insertOne(saga("s4", "Enrollment", association("courseId", "c2")));

            assertThat(find(sagas, "Enrollment", "courseId", "c1")).containsExactlyInAnyOrder("s1", "s2");
            assertThat(find(sagas, "Enrollment", "enrollmentId", "e2")).containsExactly("s2");
            assertThat(find(sagas, "Duties", "courseId", "c1")).containsExactly("s3");
            assertThat(find(sagas, "Enrollment", "courseId", "c3")).isEmpty();
            assertThat(keysIndexed()).isEqualTo(6);
        });
    }

    @Test
    void updatesAndRemovalsAreFollowed() {
        withSagas(sagas -> {
            sagas.insertOne(saga("s1", "Enrollment", association("enrollmentId", "e1")));
            sagas.insertOne(saga("s2", "Enrollment", association("enrollmentId", "e2")));

            sagas.updateOne(Filters.eq("sagaIdentifier", "s1"), Updates.set("associations", List.of(
                    association("enrollmentId", "e1"), association("courseId", "c1"))));
            sagas.updateOne(Filters.eq("sagaIdentifier", "s2"), Updates.set("associations", List.of(
                    association("courseId", "c1"))));
            assertThat(find(sagas, "Enrollment", "courseId", "c1")).containsExactlyInAnyOrder("s1", "s2");
            assertThat(find(sagas, "Enrollment", "enrollmentId", "e2")).isEmpty();

            sagas.findOneAndDelete(Filters.eq("sagaIdentifier", "s1"));
            assertThat(find(sagas, "Enrollment", "courseId", "c1")).containsExactly("s2");
            assertThat(find(sagas, "Enrollment", "enrollmentId", "e1")).isEmpty();
            assertThat(keysIndexed()).isEqualTo(1);
        });
    }

    @Test
    void theIndexIsBuiltAgainWhenTheStoreOpens() {
        withSagas(sagas -> {
            for (int i = 0; i < 50; i++) {
                sagas.insertOne(saga("s" + i, "Enrollment", association("courseId", "c" + i % 5)));
            }
        });
        withSagas(sagas -> {
            assertThat(find(sagas, "Enrollment", "courseId", "c3")).hasSize(10);
            assertThat(keysIndexed()).isEqualTo(50);
        });
    }

    @Test
    void aQueryOnAUniqueKeyAndMoreFindsTheOneDocumentItMatches() {
        withSagas(sagas -> {
            MongoCollection<Document> decisions = client.getDatabase("platform").getCollection("decisions");
            decisions.insertOne(new Document("_id", "e-1").append("courseId", "c1").append("status", "ENROLLED"));
            decisions.insertOne(new Document("_id", "e-2").append("courseId", "c1").append("status", "WAITLISTED"));

            assertThat(decisions.find(Filters.and(Filters.eq("_id", "e-2"), Filters.eq("courseId", "c1")))
                                .map(d -> d.getString("status"))).containsExactly("WAITLISTED");
            assertThat(decisions.find(Filters.and(Filters.eq("_id", "e-2"), Filters.eq("courseId", "c2")))).isEmpty();
            assertThat(decisions.find(Filters.and(Filters.eq("_id", "e-3"), Filters.eq("courseId", "c1")))).isEmpty();
            assertThat(sagas.find(Filters.and(Filters.eq("sagaIdentifier", "none"), Filters.eq("sagaType", "x"))))
                    .isEmpty();

            decisions.updateOne(Filters.eq("_id", "e-2"), Updates.set("courseId", "c2"));
            assertThat(decisions.find(Filters.and(Filters.eq("_id", "e-2"), Filters.eq("courseId", "c2")))).hasSize(1);
            decisions.deleteOne(Filters.and(Filters.eq("_id", "e-2"), Filters.eq("courseId", "c2")));
            assertThat(decisions.find(Filters.eq("courseId", "c2"))).isEmpty();
            assertThat(decisions.countDocuments()).isEqualTo(1);
        });
    }

    @Test
    void queriesItCannotAnswerAreAnsweredAsBefore() {
        withSagas(sagas -> {
            sagas.insertOne(saga("s1", "Enrollment", association("courseId", "c1")));
            sagas.insertOne(saga("s2", "Enrollment", association("courseId", "c2")));

            assertThat(ids(sagas.find(Filters.and(Filters.eq("sagaType", "Enrollment"),
                                                  Filters.in("associations", association("courseId", "c1"),
                                                             association("courseId", "c2"))))))
                    .containsExactlyInAnyOrder("s1", "s2");
            assertThat(ids(sagas.find(Filters.elemMatch("associations", Filters.eq("value", "c2")))))
                    .containsExactly("s2");
            // an equality the index answers, with the sub-document's fields in another order: the store's matcher
            // takes it as equal (MongoDB would not), and the index answers what the matcher does without it
            assertThat(ids(sagas.find(new Document("sagaType", "Enrollment")
                                              .append("associations", new Document("value", "c1").append("key",
                                                                                                         "courseId")))))
                    .containsExactly("s1");
        });
    }

    private void withSagas(Consumer<MongoCollection<Document>> use) {
        try (EmbeddedStore store = EmbeddedStore.onDisk(data, "127.0.0.1", 0);
             MongoClient opened = MongoClients.create(store.connectionString())) {
            client = opened;
            MongoCollection<Document> sagas = opened.getDatabase("platform").getCollection("sagas");
            sagas.createIndex(Indexes.ascending("sagaType", "associations"));
            use.accept(sagas);
        }
    }

    private static Document saga(String id, String type, Document... associations) {
        return new Document("sagaType", type).append("sagaIdentifier", id).append("associations", List.of(associations))
                                             .append("serializedSaga", "state of " + id);
    }

    private static Document association(String key, String value) {
        return new Document("key", key).append("value", value);
    }

    /** The extension's query: the saga type and one association, as a sub-document equal to an element. */
    private static List<String> find(MongoCollection<Document> sagas, String type, String key, String value) {
        Bson query = new Document("sagaType", type).append("associations", association(key, value));
        return ids(sagas.find(query));
    }

    private static List<String> ids(Iterable<Document> found) {
        List<String> ids = new ArrayList<>();
        found.forEach(saga -> ids.add(saga.getString("sagaIdentifier")));
        return ids;
    }

    /** The keys the store's index holds, from its own report (zero for an index it ignores). */
    private long keysIndexed() {
        Document report = client.getDatabase("platform").runCommand(new Document("validate", "sagas"));
        return report.get("keysPerIndex", Document.class).get("sagaType_1_associations_1", Number.class).longValue();
    }
}
