package community.platform.api.storage;

import community.platform.PlatformApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second start on a data folder in use fails safely, and says so in a sentence with what to do: not "Application run
 * failed" over a dozen nested causes.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataFolderInUseTest {

    @TempDir
    Path data;

    @Test
    void aSecondStartOnTheSameDataFolderSaysWhoHasItAndWhatToDo(CapturedOutput output) {
        try (ConfigurableApplicationContext first = start()) {
            int before = output.getAll().length();

            assertThatThrownBy(this::start).hasStackTraceContaining("is in use by another process");

            String second = output.getAll().substring(before);
            assertThat(second).contains("The data folder " + data + " is in use by another process (pid "
                                                + ProcessHandle.current().pid() + ").")
                              .contains("Give this instance its own PLATFORM_DATA_DIR or share a store through"
                                                + " MONGODB_URI")
                              .doesNotContain("Application run failed")
                              .doesNotContain("Exception encountered during context initialization")
                              .doesNotContain("Caused by");
            assertThat(first.isActive()).isTrue();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0")
                .run();
    }
}
