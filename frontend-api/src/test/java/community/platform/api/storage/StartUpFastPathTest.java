package community.platform.api.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import community.platform.PlatformApplication;
import community.platform.query.notices.NoticeChannel;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start on a store whose views are far behind its log: the views of the post list, duties, sign-ups per day and
 * notices are emptied and their tokens removed, as when those processors first run on a log that has events. The
 * start builds them on the fast path, once, and says so; the views are then what a rebuild makes of the log (the
 * admin's diff finds no difference), the post shows every sign-up, each segment's token is at the head, and the
 * processors run again. The notices' processor replays: the notice a promotion sent before is not sent again, and the
 * next promotion's is.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartUpFastPathTest {

    private static final String ADMIN_PASSWORD = "fast-path-admin-password";
    private static final String PASSWORD = "fast-path-password";
    private static final int RESIDENTS = 30;
    private static final List<String> REWOUND = List.of("volunteer-posts", "volunteer-duties", "sign-ups-per-day",
                                                        "notices");
    private static final List<String> SENT = new CopyOnWriteArrayList<>();

    @TempDir
    Path data;

    @Test
    void viewsFarBehindAreBuiltOnTheFastPathAsARebuildWouldBuildThem(CapturedOutput output) {
        String postId = fill(output);
        rewind(true);
        startAndCheck(output, postId);
    }

    /**
     * What a {@code kill -9} in the middle of the path leaves: views holding more events than the tokens say. The next
     * start applies those events again, and the views are as a rebuild makes them, with no notice sent twice.
     */
    @Test
    void viewsAheadOfTheirTokensAreRightAfterTheFastPath(CapturedOutput output) {
        String postId = fill(output);
        rewind(false);
        startAndCheck(output, postId);
    }

    /** An organizer's post, 30 sign-ups on 20 seats and a withdrawal whose promotion is told; answers the post. */
    private String fill(CapturedOutput output) {
        SENT.clear();
        String postId;
        try (ConfigurableApplicationContext platform = start()) {
            FolderPlatform api = FolderPlatform.awaitUp(platform, ADMIN_PASSWORD, PASSWORD);
            postId = api.publish(api.account("organizer", "ORGANIZER"), 20);
            for (int i = 0; i < RESIDENTS; i++) {
                api.signUp(api.account("resident-" + i, "RESIDENT"), postId);
            }
            api.withdraw("resident-0", postId);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                                     .untilAsserted(() -> assertThat(SENT).containsExactly("resident-20"));
        }
        assertThat(output).as("the first start had nothing far behind").doesNotContain("on the fast path");
        SENT.clear();
        return postId;
    }

    /** Removes the tokens of the rewound processors and, if {@code emptyViews}, their views' documents. */
    private void rewind(boolean emptyViews) {
        try (EmbeddedStore store = EmbeddedStore.onDisk(data, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("platform");
            database.getCollection("trackingtokens").deleteMany(Filters.in("processorName", REWOUND));
            if (emptyViews) {
                for (String view : List.of("volunteerPostViews", "volunteerDuties", "volunteerDutyPosts",
                                           "signUpsPerDay", "notices", "noticePostMembers")) {
                    database.getCollection(view).deleteMany(new Document());
                }
            }
        }
    }

    private void startAndCheck(CapturedOutput output, String postId) {
        try (ConfigurableApplicationContext platform = start()) {
            FolderPlatform api = FolderPlatform.awaitUp(platform, ADMIN_PASSWORD, PASSWORD);
            assertThat(output).contains("catch up on the fast path").contains("The fast path caught up");
            String took = output.getOut().lines().filter(line -> line.contains("catch up on the fast path"))
                                .findFirst().orElseThrow();
            assertThat(took).contains(REWOUND).doesNotContain("accounts");

            WebTestClient organizer = api.as("organizer");
            JsonNode post = organizer.get().uri("/api/volunteer-posts/{id}", postId).exchange().expectStatus().isOk()
                               .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(post.get("confirmed").asInt() + post.get("waitlisted").asInt()).isEqualTo(RESIDENTS - 1);

            WebTestClient admin = api.as("root");
            for (String name : REWOUND) {
                JsonNode diff = admin.get().uri("/api/admin/projections/{name}/diff", name).exchange()
                                     .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                     .getResponseBody();
                assertThat(diff.get("differences")).as("%s against a rebuild", name).isEmpty();
            }

            long head = platform.getBean(EventStorageEngine.class).createHeadToken().position().orElseThrow();
            EventProcessingConfiguration processing = platform.getBean(EventProcessingConfiguration.class);
            for (String name : REWOUND) {
                StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                                                              .orElseThrow();
                assertThat(processor.isRunning()).as("%s runs again", name).isTrue();
                assertThat(processor.processingStatus().values())
                        .as("%s's segments", name).hasSize(4)
                        .allSatisfy(segment -> assertThat(position(segment)).isGreaterThanOrEqualTo(head));
            }

            assertThat(SENT).as("notices sent again by the replay").isEmpty();

            // and the processors go on live: one more sign-up is on the post, the next promotion is told
            api.signUp(api.account("late-resident", "RESIDENT"), postId);
            api.withdraw("resident-1", postId);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode again = organizer.get().uri("/api/volunteer-posts/{id}", postId).exchange()
                                          .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                          .getResponseBody();
                assertThat(again.get("confirmed").asInt() + again.get("waitlisted").asInt()).isEqualTo(RESIDENTS - 1);
                assertThat(SENT).containsExactly("resident-21");
            });
        }
    }

    private static long position(EventTrackerStatus segment) {
        return segment.getCurrentPosition().orElse(-1);
    }

    /** The notices sent, by recipient, in place of the platform's channel, which only logs. */
    @Configuration
    static class RecordedNotices {
        @Bean
        @Primary
        NoticeChannel recordedChannel() {
            return (recipient, subject, body) -> SENT.add(recipient);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class, RecordedNotices.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0", "PLATFORM_ADMIN_USERNAME=root",
                            "PLATFORM_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "platform.views.fast-path-behind=20",
                            // several segments, each caught up on its own; set among the defaults, where the
                            // operator's count must still win over the embedded store's one segment
                            "platform.processing.initial-segment-count=4")
                .run("--platform.security.registration.max-per-address=1000");
    }
}
