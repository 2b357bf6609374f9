package community.platform.api.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import community.platform.PlatformApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarts on one data folder, each stopped the way SIGTERM stops the jar (the context closes). An instance that stops
 * releases its claims and leaves the instance table; the next start holds every segment at once, says UP only then,
 * and a sign-up sent the moment it does is answered 201 within a second. A start after a {@code kill -9} (its claims
 * and its entry left as they were) takes them over at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartTest {

    private static final String ADMIN_PASSWORD = "restart-admin-password";
    private static final String PASSWORD = "restart-password";
    private static final int RESTARTS = 10;

    @TempDir
    Path data;

    @Test
    void eachOfTenRestartsHoldsEverySegmentAndAnswersASignUpAtOnce(CapturedOutput output) {
        String postId;
        List<String> residents = new ArrayList<>();
        try (ConfigurableApplicationContext platform = start()) {
            FolderPlatform api = FolderPlatform.awaitUp(platform, ADMIN_PASSWORD, PASSWORD);
            postId = api.publish(api.account("organizer", "ORGANIZER"), RESTARTS + 5);
            for (int i = 0; i <= RESTARTS; i++) {
                residents.add(api.account("resident-" + i, "RESIDENT"));
            }
            // The first sign-up in this JVM loads and compiles its code; the restarts measure the platform, not that.
            api.signUp(residents.get(0), postId);
        }
        for (int restart = 1; restart <= RESTARTS; restart++) {
            assertThat(leftBehind()).as("left behind by the stop before restart %d", restart).isEmpty();
            long starting = System.nanoTime();
            try (ConfigurableApplicationContext platform = start()) {
                FolderPlatform api = FolderPlatform.awaitUp(platform, ADMIN_PASSWORD, PASSWORD);
                assertThat(segmentsNotHeld(platform)).as("segments not held when UP, restart %d", restart).isEmpty();
                long sent = System.nanoTime();
                api.signUp(residents.get(restart), postId);
                Duration answered = Duration.ofNanos(System.nanoTime() - sent);
                System.out.printf("restart %d: UP after %d ms, the sign-up answered 201 in %d ms%n", restart,
                                  Duration.ofNanos(sent - starting).toMillis(), answered.toMillis());
                assertThat(answered).as("the sign-up's answer, restart %d", restart).isLessThan(Duration.ofSeconds(1));
            }
        }
        assertThat(leftBehind()).as("left behind by the last stop").isEmpty();
        assertThat(output).doesNotContain("Releasing claim").doesNotContain("giving back segment")
                          .as("commands sent at start-up only to be refused").doesNotContain("resulted in");
    }

    @Test
    void aStartAfterAKillNineTakesOverWhatTheKilledProcessHeld() {
        String resident;
        String postId;
        String instance;
        try (ConfigurableApplicationContext platform = start()) {
            FolderPlatform api = FolderPlatform.awaitUp(platform, ADMIN_PASSWORD, PASSWORD);
            resident = api.account("resident", "RESIDENT");
            postId = api.publish(api.account("organizer", "ORGANIZER"), RESTARTS + 5);
            instance = platform.getBean("platformInstanceId", String.class);
        }
        // What a kill -9 leaves: every claim owned by the process, just renewed, and its entry in the instance table.
        // The claims are dated an hour ahead, so that they stay fresh however long the next start takes: unless it
        // takes them over as its own, it cannot come UP within the minute it is given.
        try (EmbeddedStore store = EmbeddedStore.onDisk(data, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("platform");
            database.getCollection("trackingtokens").updateMany(
                    new Document(), Updates.combine(Updates.set("owner", instance),
                                                    Updates.set("timestamp",
                                                                             System.currentTimeMillis() + 3_600_000)));
            database.getCollection("platformInstances").insertOne(
                    new Document("_id", instance).append("beat", 7L).append("holding", List.of()));
        }

        try (ConfigurableApplicationContext platform = start()) {
            FolderPlatform api = FolderPlatform.awaitUp(platform, ADMIN_PASSWORD, PASSWORD);
            assertThat(segmentsNotHeld(platform)).isEmpty();
            api.signUp(resident, postId);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0", "PLATFORM_ADMIN_USERNAME=root",
                            "PLATFORM_ADMIN_PASSWORD=" + ADMIN_PASSWORD)
                .run();
    }

    /** Segments of the shared processors that this instance, the only one, does not hold. */
    private static List<String> segmentsNotHeld(ConfigurableApplicationContext platform) {
        EventProcessingConfiguration processing = platform.getBean(EventProcessingConfiguration.class);
        TokenStore tokens = platform.getBean(TokenStore.class);
        List<String> notHeld = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processing.tokenStore(name) == tokens) {
                Map<Integer, ?> held = ((StreamingEventProcessor) processor).processingStatus();
                for (int segment : tokens.fetchSegments(name)) {
                    if (!held.containsKey(segment)) {
                        notHeld.add(name + "/" + segment);
                    }
                }
            }
        });
        return notHeld;
    }

    /** Claims and instance entries in the store once the platform has stopped. */
    private List<String> leftBehind() {
        try (EmbeddedStore store = EmbeddedStore.onDisk(data, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("platform");
            List<String> left = new ArrayList<>();
            database.getCollection("trackingtokens").find(Filters.ne("owner", null))
                    .forEach(claim -> left.add("claim " + claim.get("processorName") + "/" + claim.get("segment")));
            database.getCollection("platformInstances").find()
                    .forEach(instance -> left.add("instance " + instance.get("_id")));
            return left;
        }
    }
}
