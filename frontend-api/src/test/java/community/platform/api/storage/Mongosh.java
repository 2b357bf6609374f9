package community.platform.api.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MongoDB shell an auditor uses, run as its own process: {@code -Dmongosh=}, {@code MONGOSH}, or {@code mongosh}
 * on the PATH, where .ci/run installs mongosh {@value #VERSION}. A test that needs it fails, saying how to install it,
 * when it is missing or older than 2.
 */
final class Mongosh {

    static final String VERSION = "2.12.0";

    private static final String INSTALL = "npm install -g mongosh@" + VERSION + " (or set -Dmongosh= or MONGOSH to its"
                                          + " path)";

    private Mongosh() {
    }

    /** Its exit code, a space, and what it printed. */
    static String run(String... arguments) throws Exception {
        String mongosh = System.getProperty("mongosh", System.getenv().getOrDefault("MONGOSH", "mongosh"));
        String version = start(mongosh, "--version").output().strip();
        if (!version.matches("\\d+\\..*") || Integer.parseInt(version.substring(0, version.indexOf('.'))) < 2) {
            throw new IllegalStateException("This test needs mongosh 2 or later, found " + version + ": " + INSTALL);
        }
        Outcome outcome = start(mongosh, arguments);
        return outcome.exitCode() + " " + outcome.output();
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome start(String mongosh, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(mongosh));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("This test needs mongosh " + VERSION + ": " + INSTALL, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), output);
    }
}
