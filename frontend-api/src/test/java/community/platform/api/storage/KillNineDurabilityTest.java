package community.platform.api.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that writes to the embedded store is killed with SIGKILL mid-stream; every write it had been
 * acknowledged is in the file afterwards.
 */
class KillNineDurabilityTest {

    @TempDir
    Path dataDirectory;

    @Test
    void everyAcknowledgedWriteSurvivesAKillNine() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                            "-cp", System.getProperty("java.class.path"),
                                            Writer.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        Set<Integer> acknowledged = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 2000 && (line = lines.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acknowledged.add(Integer.parseInt(line.substring(6)));
                }
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(2000);

        try (EmbeddedStore reopened = EmbeddedStore.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            Set<Integer> stored = new HashSet<>();
            client.getDatabase("durability").getCollection("writes").find()
                  .forEach(document -> stored.add(document.getInteger("_id")));
            assertThat(stored).containsAll(acknowledged);
            System.out.printf("kill -9 after %d acknowledged writes: %d found on disk%n",
                              acknowledged.size(), stored.size());
        }
    }

    /**
     * Writes numbered documents from eight threads at once until killed, saying after each one that it was
     * acknowledged: writers that arrive together share commits, and each must still wait for one that covers it.
     */
    public static final class Writer {
        public static void main(String[] args) throws InterruptedException {
            EmbeddedStore store = EmbeddedStore.onDisk(Path.of(args[0]), "127.0.0.1", 0);
            MongoClient client = MongoClients.create(store.connectionString());
            MongoCollection<Document> writes = client.getDatabase("durability").getCollection("writes");
            for (int thread = 0; thread < 8; thread++) {
                int first = thread * 1_000_000;
                new Thread(() -> {
                    for (int i = first; ; i++) {
                        writes.insertOne(new Document("_id", i).append("padding", "x".repeat(1000)));
                        System.out.println("acked " + i);
                        System.out.flush();
                    }
                }).start();
            }
            Thread.currentThread().join();
        }
    }
}
