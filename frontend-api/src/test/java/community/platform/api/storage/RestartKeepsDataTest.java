package community.platform.api.storage;

import community.platform.PlatformApplication;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default store keeps its data on disk under PLATFORM_DATA_DIR. */
class RestartKeepsDataTest {

    @TempDir
    Path dataDirectory;

    @Test
    void eventsWrittenBeforeARestartAreThereAfterIt() {
        try (ConfigurableApplicationContext first = start()) {
            EventStore events = first.getBean(EventStore.class);
            for (int seq = 0; seq < 3; seq++) {
                events.publish(new GenericDomainEventMessage<>("Probe", "p", seq, new Probe("p", seq)));
            }
        }
        assertThat(dataDirectory.resolve(EmbeddedStore.FILE_NAME)).exists();

        try (ConfigurableApplicationContext second = start()) {
            EventStore events = second.getBean(EventStore.class);
            assertThat(events.readEvents("p").asStream().<Object>map(DomainEventMessage::getPayload))
                    .containsExactly(new Probe("p", 0), new Probe("p", 1), new Probe("p", 2));
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedFailsStartUpClearly() throws Exception {
        Path blocker = Files.createFile(dataDirectory.resolve("not-a-directory"));

        assertThatThrownBy(() -> start(blocker.resolve("data")).close())
                .hasStackTraceContaining("Cannot create the data folder");
    }

    private ConfigurableApplicationContext start() {
        return start(dataDirectory);
    }

    private static ConfigurableApplicationContext start(Path directory) {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + directory, "SERVER_PORT=0")
                .run();
    }

    record Probe(String probeId, int number) {
    }
}
