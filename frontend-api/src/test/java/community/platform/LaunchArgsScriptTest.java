package community.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/launch-args, with stand-ins for the platform's jar: one that unpacks and starts as Spring Boot's would, and one
 * that cannot. (The platform's own jar, unpacked and recorded, is what bin/start and every benchmark start, the fault
 * tests included.)
 */
class LaunchArgsScriptTest {

    @TempDir
    Path folder;

    @Test
    void aJarThatCannotBeUnpackedStartsAsItIsAndIsTriedAgainOnlyAfterANewBuild() throws Exception {
        Path jar = folder.resolve("plain.jar").toAbsolutePath();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.finish();
        }

        ScriptRun first = run(jar.toString());
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("-jar\n" + jar + "\n");
        assertThat(first.err()).contains("unpacking plain.jar", "could not",
                                         folder.resolve("plain.launch").resolve("prepare.log").toString(),
                                         "starts from the jar itself");

        ScriptRun again = run(jar.toString());
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(again.err()).as("the same build is not tried twice").isEmpty();

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(run(jar.toString()).err()).as("a new build is tried").contains("unpacking plain.jar");
    }

    @Test
    void theRecordingStartSeesNoneOfTheCallersEnvironmentNorItsStoreAndItsArchiveIsUsed() throws Exception {
        Path jar = standIn();

        ScriptRun run = ScriptRun.of("launch-args", 60, Map.of(
                "MONGODB_URI", "mongodb://the-real-store:27017/platform",
                "SPRING_APPLICATION_JSON", "{\"PLATFORM_DATA_DIR\":\"/srv/platform/data\"}",
                "PLATFORM_DATA_DIR", "/srv/platform/data"), jar.toString());

        assertThat(run.exitCode()).isZero();
        List<String> arguments = run.out().lines().toList();
        Path launch = Path.of(arguments.get(0).substring("-XX:SharedArchiveFile=".length())).getParent();
        assertThat(arguments).containsExactly("-XX:SharedArchiveFile=" + launch.resolve("classes.jsa"), "-jar",
                                              launch.resolve("stand-in.jar").toString());
        assertThat(launch.getParent()).isEqualTo(folder.resolve("stand-in.launch"));
        assertThat(launch.resolve("classes.jsa")).isNotEmptyFile();
        List<String> seen = Files.readAllLines(launch.resolve("seen.txt"));
        assertThat(seen.get(0).split(" ")).as("its environment").containsOnly("PATH", "HOME");
        assertThat(seen.get(1)).startsWith("--MONGODB_URI= --PLATFORM_DATA_DIR=/")
                               .doesNotContain("/srv/platform/data");

        ScriptRun again = ScriptRun.of("launch-args", 60, jar.toString());
        assertThat(again.out()).isEqualTo(run.out());
        assertThat(again.err()).as("made once").isEmpty();

        // -Xshare:on: Java refuses to start rather than start without an archive it cannot use
        List<String> command = Stream.concat(Stream.of("java", "-Xshare:on"), arguments.stream()).toList();
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor()).as(output).isZero();
    }

    /**
     * A jar that does what the platform's does when unpacked (copies itself into the folder named) and when started
     * (here: writes the names of its environment variables and its arguments beside itself).
     */
    private Path standIn() throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src"));
        Files.writeString(sources.resolve("StandIn.java"), """
                import java.nio.file.*;
                public class StandIn {
                    public static void main(String[] args) throws Exception {
                        Path self = Path.of(StandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                        if ("tools".equals(System.getProperty("jarmode"))) {
                            Path destination = Files.createDirectories(Path.of(args[2]));
                            Files.copy(self, destination.resolve(self.getFileName()));
                            return;
                        }
                        Files.writeString(self.resolveSibling("seen.txt"),
                                          String.join(" ", System.getenv().keySet()) + "\\n" + String.join(" ", args));
                    }
                }
                """);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", sources.toString(),
                                                             sources.resolve("StandIn.java").toString())).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StandIn");
        Path jar = folder.resolve("stand-in.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("StandIn.class"));
            out.write(Files.readAllBytes(sources.resolve("StandIn.class")));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void noJarOrNoArgumentIsRefusedWithExitCodeTwo() throws Exception {
        ScriptRun missing = run(folder.resolve("missing.jar").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no jar at");
        assertThat(missing.out()).isEmpty();

        ScriptRun none = run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Usage: bin/launch-args JAR");
    }

    private static ScriptRun run(String... arguments) throws Exception {
        return ScriptRun.of("launch-args", 60, arguments);
    }
}
