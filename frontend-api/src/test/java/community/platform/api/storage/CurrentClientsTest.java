package community.platform.api.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import community.platform.PlatformApplication;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store says it is MongoDB 4.4 ({@link StoreVersion}), so the tools an auditor uses every day open it: a
 * current mongosh reads the event log the platform wrote, and the platform's own drivers work on as before.
 */
class CurrentClientsTest {

    @TempDir
    static Path dataDirectory;
    private static ConfigurableApplicationContext platform;

    @BeforeAll
    static void startThePlatformAndWriteAFewEvents() {
        platform = new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + dataDirectory, "SERVER_PORT=0")
                .run();
        EventStore events = platform.getBean(EventStore.class);
        for (int seq = 0; seq < 3; seq++) {
            events.publish(new GenericDomainEventMessage<>("Reading", "meter-1", seq,
                                                           new Reading("meter-1", "春联 " + seq)));
        }
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aCurrentMongoshReadsTheEventLog() throws Exception {
        String uri = platform.getBean(StorageConfiguration.PlatformStore.class).embedded().connectionString();

        String output = Mongosh.run(uri + "/platform", "--quiet", "--eval", """
                print(db.version());
                db.eventCommits.find({ aggregateType: 'Reading' }).sort({ firstSequence: 1 })
                  .forEach(commit => print(commit._id, commit.events[0].payload.text));
                """);

        assertThat(output).isEqualToNormalizingNewlines("""
                0 4.4.0
                Reading:meter-1#0 春联 0
                Reading:meter-1#1 春联 1
                Reading:meter-1#2 春联 2
                """);
    }

    @Test
    void thePlatformsBlockingAndReactiveDriversSeeMongoDb44() {
        MongoClient blocking = platform.getBean(MongoClient.class);
        var reactive = platform.getBean(com.mongodb.reactivestreams.client.MongoClient.class);
        Document ping = new Document("ping", 1);

        blocking.getDatabase("platform").runCommand(ping);
        Mono.from(reactive.getDatabase("platform").runCommand(ping)).block();

        assertThat(blocking.getClusterDescription().getServerDescriptions())
                .extracting(ServerDescription::getMaxWireVersion).containsExactly(9);
        assertThat(reactive.getClusterDescription().getServerDescriptions())
                .extracting(ServerDescription::getMaxWireVersion).containsExactly(9);
    }

    record Reading(String readingId, String text) {
    }
}
