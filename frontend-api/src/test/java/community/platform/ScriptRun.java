package community.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of one of the project's scripts under bin/, with what it printed; one that runs too long fails. */
record ScriptRun(int exitCode, String out, String err) {

    static ScriptRun of(String script, long seconds, String... arguments) throws IOException, InterruptedException {
        return of(script, seconds, Map.of(), arguments);
    }

    /** With these variables added to this process's environment. */
    static ScriptRun of(String script, long seconds, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "bin", script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process run = builder.start();
        run.getOutputStream().close();
        if (!run.waitFor(seconds, TimeUnit.SECONDS)) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
            throw new AssertionError("bin/" + script + " " + String.join(" ", arguments) + " did not answer within "
                                     + seconds + " s");
        }
        return new ScriptRun(run.exitValue(), new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                             new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
