package community.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start says what a newcomer needs and warns only of what needs doing: every known-harmless warning is silenced,
 * with its reason, in application.yml or {@link KnownWarnings}, and nothing else is.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietStartTest {

    private static final Pattern WARNING_OR_ERROR = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s");

    /** Warnings a start may print, each with why it is kept: none. */
    private static final List<Pattern> ALLOWED = List.of();

    @TempDir
    Path dataDirectory;

    @Test
    void aFirstStartOnTheDefaultStoreLogsNoWarningAndNoAdvert(CapturedOutput output) throws Exception {
        String start;
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + dataDirectory, "SERVER_PORT=0")
                .run()) {
            Thread.sleep(1000); // what the processors and schedulers say just after the start
            start = output.getAll();
        }

        assertThat(start.lines().filter(line -> WARNING_OR_ERROR.matcher(line).find())
                        .filter(line -> ALLOWED.stream().noneMatch(allowed -> allowed.matcher(line).find())))
                .isEmpty();
        assertThat(start).contains("Netty started on port").doesNotContain("AxonIQ Console");
    }
}
