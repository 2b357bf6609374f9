package community.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/start explains itself and refuses what it does not know, without building or starting anything. */
class StartScriptTest {

    private static final Path SCRIPT = Path.of("..", "bin", "start");

    @Test
    void helpAndHSayHowToStartAndWithWhichSettings() throws Exception {
        for (String help : new String[]{"--help", "-h"}) {
            Run run = run(help);
            assertThat(run.exitCode).as(help).isZero();
            assertThat(run.out).as(help).contains("Usage: bin/start", "--demo", "store", "SERVER_PORT",
                                                  "PLATFORM_DATA_DIR", "MONGODB_URI", "PLATFORM_ADMIN_PASSWORD");
        }
    }

    @Test
    void anUnknownOptionIsRefusedWithExitCodeTwo() throws Exception {
        Run run = run("--bogus");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("unknown option '--bogus'").contains("bin/start --help");
        assertThat(run.out).isEmpty();
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs the script; one that builds or starts the platform instead of answering is stopped and fails. */
    private static Run run(String argument) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", SCRIPT.toString(), argument).start();
        script.getOutputStream().close();
        if (!script.waitFor(30, TimeUnit.SECONDS)) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            throw new AssertionError("bin/start " + argument + " did not answer within 30 s: it builds or starts");
        }
        return new Run(script.exitValue(), new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                       new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
