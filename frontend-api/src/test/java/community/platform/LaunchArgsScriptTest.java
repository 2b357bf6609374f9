package community.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/launch-args: a jar it cannot unpack or record still starts, from the jar itself, and is tried once per build.
 * (The platform's own jar, unpacked and recorded, is what bin/start and every benchmark start, the fault tests
 * included.)
 */
class LaunchArgsScriptTest {

    private static final Path SCRIPT = Path.of("..", "bin", "launch-args");

    @TempDir
    Path folder;

    @Test
    void aJarThatCannotBeUnpackedStartsAsItIsAndIsTriedAgainOnlyAfterANewBuild() throws Exception {
        Path jar = folder.resolve("plain.jar").toAbsolutePath();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.finish();
        }

        Run first = run(jar.toString());
        assertThat(first.exitCode).isZero();
        assertThat(first.out).isEqualTo("-jar\n" + jar + "\n");
        assertThat(first.err).contains("unpacking plain.jar", "could not", folder.resolve("plain.launch.log").toString(),
                                       "starts from the jar itself");

        Run again = run(jar.toString());
        assertThat(again.out).isEqualTo(first.out);
        assertThat(again.err).as("the same build is not tried twice").isEmpty();

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(run(jar.toString()).err).as("a new build is tried").contains("unpacking plain.jar");
    }

    @Test
    void noJarOrNoArgumentIsRefusedWithExitCodeTwo() throws Exception {
        Run missing = run(folder.resolve("missing.jar").toString());
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("no jar at");
        assertThat(missing.out).isEmpty();

        Run none = run();
        assertThat(none.exitCode).isEqualTo(2);
        assertThat(none.err).contains("Usage: bin/launch-args JAR");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        Process script = new ProcessBuilder(command).start();
        script.getOutputStream().close();
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            throw new AssertionError("bin/launch-args did not answer within 60 s");
        }
        return new Run(script.exitValue(), new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                       new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
