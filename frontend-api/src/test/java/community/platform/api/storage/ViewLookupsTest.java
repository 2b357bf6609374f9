package community.platform.api.storage;

import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.PlatformApplication;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views that screens look up by a field other than their id have an index on that field once the platform has
 * started, on the durable store, and a document put there is indexed under each value it holds for the field. (How
 * the store's indexes follow updates, removals and a restart: {@link SecondaryIndexTest}.)
 */
class ViewLookupsTest {

    /** Collection, index, a document of that view's shape, and the keys the index then holds for it. */
    private record Lookup(String collection, String index, Document document, int keys) {
    }

    private static final List<Lookup> LOOKUPS = List.of(
            new Lookup("volunteerDuties", "volunteer_1", new Document("volunteer", "lihua").append("postId", "p1"), 1),
            new Lookup("volunteerDuties", "postId_1", new Document("volunteer", "lihua").append("postId", "p1"), 1),
            new Lookup("notices", "recipient_1", new Document("recipient", "lihua"), 1),
            new Lookup("courseViews", "guardians_1", new Document("guardians", List.of("lihua", "zhangwei")), 2),
            new Lookup("courseViews", "completions.enrollmentId_1",
                       new Document("completions", List.of(new Document("enrollmentId", "e1"),
                                                           new Document("enrollmentId", "e2"))), 2),
            new Lookup("guardianConsents", "guardian_1", new Document("guardian", "lihua"), 1),
            new Lookup("guardianConsentWithdrawals", "guardian_1", new Document("guardian", "lihua"), 1),
            new Lookup("dashboardPosts", "organizer_1", new Document("organizer", "wangfang"), 1),
            new Lookup("dashboardEvents", "organizer_1", new Document("organizer", "wangfang"), 1),
            new Lookup("dashboardCourses", "organizer_1", new Document("organizer", "wangfang"), 1),
            new Lookup("teamHours", "organizer_1", new Document("organizer", "wangfang"), 1),
            new Lookup("venueCalendar", "venueId_1", new Document("venueId", "hall"), 1),
            new Lookup("certificateViews", "volunteer_1", new Document("volunteer", "lihua"), 1));

    @TempDir
    Path data;

    @Test
    void eachLookupHasAnIndexThatHoldsTheDocumentsItIsOn() {
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0").run()) {
            MongoDatabase views = platform.getBean("platformViewDatabase", MongoDatabase.class);
            for (Lookup lookup : LOOKUPS) {
                Document document = new Document(lookup.document()).append("_id", lookup.index() + "-probe");
                Mono.from(views.getCollection(lookup.collection()).insertOne(document)).block();

                Document report = Mono.from(views.runCommand(new Document("validate", lookup.collection()))).block();
                Map<String, Object> keys = report.get("keysPerIndex", Document.class);
                assertThat(keys).as(lookup.collection()).containsKey(lookup.index());
                assertThat(((Number) keys.get(lookup.index())).intValue())
                        .as(lookup.collection() + " " + lookup.index()).isEqualTo(lookup.keys());

                Mono.from(views.getCollection(lookup.collection()).deleteOne(new Document("_id", document.get("_id"))))
                    .block();
            }
        }
    }
}
