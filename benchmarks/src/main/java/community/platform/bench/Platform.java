package community.platform.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The platform as a user runs it: the built jar in its own process, embedded storage in a temporary folder. */
final class Platform implements AutoCloseable {

    static final String JAR = "frontend-api/target/community-platform-exec.jar";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private final Process process;
    final String base;
    final Path folder;
    /** From starting the process until health answered UP (the views caught up with the log at start). */
    Duration startUp;

    private Platform(Process process, String base, Path folder) {
        this.process = process;
        this.base = base;
        this.folder = folder;
    }

    /** Starts the jar on a free port with the given environment and arguments, and waits for health UP. */
    static Platform start(Path jar, String name, Map<String, String> environment, List<String> arguments)
            throws Exception {
        int port = freePort();
        Path folder = Files.createTempDirectory(name);
        List<String> command = java(jar);
        // For profiling the platform under a benchmark, e.g. -XX:StartFlightRecording=filename=/tmp/platform.jfr
        String options = System.getenv("BENCH_PLATFORM_JAVA_OPTIONS");
        if (options != null && !options.isBlank()) {
            command.addAll(1, List.of(options.trim().split("\\s+")));
        }
        // One load generator plays hundreds of residents from one address; the per-address limits are for strangers.
        command.addAll(List.of("--platform.security.registration.max-per-address=1000000",
                               "--platform.security.login.max-failures-per-address=1000000",
                               "--platform.live.max-per-address=100000"));
        command.addAll(arguments);
        ProcessBuilder start = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                                                          .redirectOutput(folder.resolve("platform.log").toFile());
        start.environment().put("SERVER_PORT", String.valueOf(port));
        start.environment().put("PLATFORM_DATA_DIR", folder.resolve("data").toString());
        start.environment().putAll(environment);
        long started = System.nanoTime();
        Platform platform = new Platform(start.start(), "http://127.0.0.1:" + port, folder);
        platform.awaitHealthy();
        platform.startUp = Duration.ofNanos(System.nanoTime() - started);
        return platform;
    }

    /**
     * The command that starts the jar as {@code bin/start} does ({@code bin/launch-args}): from an unpacked copy with a
     * class data archive, made once per build of the jar before the first start, which is not timed; 1 GB of heap.
     */
    static List<String> java(Path jar) throws IOException, InterruptedException {
        Process launch = new ProcessBuilder("bin/launch-args", jar.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> arguments = new String(launch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                                                                                                      .toList();
        if (launch.waitFor() != 0 || arguments.isEmpty()) {
            throw new IllegalStateException("bin/launch-args " + jar + " failed");
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-Daxoniq.update-checker.disabled=true"));
        command.addAll(arguments);
        return command;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The jar in store mode ({@code java -jar … store}): the embedded store alone, on {@code port}, with its data in
     * {@code data}; answers once it accepts connections. Instances share it through {@code MONGODB_URI}.
     */
    static Platform store(Path jar, Path data, int port) throws Exception {
        Path folder = Files.createDirectories(data.resolveSibling(data.getFileName() + "-log"));
        List<String> command = java(jar);
        command.add("store");
        ProcessBuilder start = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.appendTo(folder.resolve("store.log").toFile()));
        start.environment().put("PLATFORM_DATA_DIR", data.toString());
        start.environment().put("PLATFORM_STORE_PORT", String.valueOf(port));
        Platform store = new Platform(start.start(), "mongodb://127.0.0.1:" + port, folder);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return store;
            } catch (IOException notYet) {
                if (!store.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the store did not start; see " + folder.resolve("store.log"));
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Health says UP once the processors have caught up with the log as it was at start: on a stored log of a million
     * events that is the time it takes to build every view, minutes rather than seconds. A platform that stops fails
     * the wait at once.
     */
    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform stopped; see " + folder.resolve("platform.log"));
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                                                   .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the platform did not become healthy in " + PATIENCE.toMinutes() + " minutes");
    }

    static HttpRequest.Builder request(String url, String username, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    static HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                                                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hooks, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Whether a segment claim's owner in the token store is this instance (its ids start with pid@). */
    boolean owns(String owner) {
        return owner != null && owner.startsWith(pid() + "@");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
