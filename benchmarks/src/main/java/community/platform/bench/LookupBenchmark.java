package community.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import community.platform.api.storage.EmbeddedStore;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/**
 * A screen's lookup by a field other than the id, on the embedded store: a volunteer's duties ({@code volunteerDuties}
 * by {@code volunteer}, five duties each), the shape of every such lookup of the views (a guardian's consents, a
 * resident's notices). The same collection with and without the index the platform makes on that field, in the same
 * run; the read caches aside (what the first read after a change, or a lookup the caches do not hold, costs). Then
 * the price: the embedded store keeps such an index in memory and builds it again each time it opens, so the time to
 * open the store, answer a first read and close it, with and without it.
 * <p>
 * Usage: {@code bench/run lookups [--sizes=10000,100000] [--lookups=1000] [--out=docs/benchmarks.md]}
 */
public final class LookupBenchmark {

    private static final int DUTIES_EACH = 5;
    private static final int OPENS = 5;

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream(EventStoreBenchmark.option(args, "sizes", "10000,100000").split(","))
                             .mapToLong(Long::parseLong).toArray();
        int lookups = Integer.parseInt(EventStoreBenchmark.option(args, "lookups", "1000"));
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        List<String> rows = new ArrayList<>();
        for (long size : sizes) {
            double[] without = lookups(size, false, lookups);
            double[] with = lookups(size, true, lookups);
            String line = String.format("%,d duties: without the index p50 %.2f ms, p99 %.2f ms, store opened in %.0f"
                                        + " ms; with it p50 %.2f ms, p99 %.2f ms, store opened in %.0f ms; p50 ratio"
                                        + " %.3f", size, without[0], without[1], without[2], with[0], with[1], with[2],
                                        with[0] / without[0]);
            System.out.println(line);
            rows.add(String.format("| %,d | %.2f / %.2f ms | %.2f / %.2f ms | %.3f | %.0f ms | %.0f ms |", size,
                                   without[0], without[1], with[0], with[1], with[0] / without[0], without[2],
                                   with[2]));
        }
        Figures.writeSection(out, "lookups", """
                ## Lookups by a field other than the id

                `%s`, %s, on %s. The embedded server with the durable H2 file backend in this process, over loopback
                with the real driver. A collection of duties shaped as `volunteerDuties` (%d per volunteer), and %,d
                lookups of one volunteer's duties (`{volunteer: …}`, the query behind "my duties"), measured after as
                many more; without an index on `volunteer`, then on a fresh store with it, as the platform makes it
                (`Lookups`). Every lookup found exactly its volunteer's duties. "Store opened": the store opened
                again, one duty read by id and the store closed, the median of %d times.

                | duties stored | without the index, p50 / p99 | with it, p50 / p99 | p50 with / without | store opened, without the index | store opened, with it |
                |---|---|---|---|---|---|
                %s

                Without the index the store reads every document of the collection for each lookup, so its time
                grows with the collection; with it, with the volunteer's own duties. The index's price is paid
                each time the store opens: it is built again from the collection, which the store reads twice
                for each index.""".formatted(
                ("bench/run lookups " + String.join(" ", args)).trim(), LocalDate.now(), Figures.machine(),
                DUTIES_EACH, lookups, OPENS, String.join("\n", rows)));
        System.out.println("wrote " + out);
    }

    /**
     * The p50 and p99 in ms of {@code lookups} lookups, after as many more; then the median of {@value #OPENS}
     * times to open the store again, read one duty by id and close it.
     */
    private static double[] lookups(long size, boolean indexed, int lookups) throws Exception {
        Path directory = Files.createTempDirectory("lookup-bench");
        double[] read = read(directory, size, indexed, lookups);
        long[] opens = new long[OPENS];
        for (int i = 0; i < OPENS; i++) {
            long started = System.nanoTime();
            try (EmbeddedStore store = EmbeddedStore.onDisk(directory, "127.0.0.1", 0);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                client.getDatabase("views").getCollection("volunteerDuties").find(eq("_id", "duty-0")).first();
            }
            opens[i] = System.nanoTime() - started;
        }
        return new double[]{read[0], read[1], Figures.percentile(opens, 50)};
    }

    private static double[] read(Path directory, long size, boolean indexed, int lookups) {
        try (EmbeddedStore store = EmbeddedStore.onDisk(directory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> duties = client.getDatabase("views").getCollection("volunteerDuties");
            if (indexed) {
                duties.createIndex(Indexes.ascending("volunteer"));
            }
            long volunteers = size / DUTIES_EACH;
            List<Document> batch = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                batch.add(new Document("_id", "duty-" + i).append("volunteer", "resident-" + i % volunteers)
                                                          .append("postId", "post-" + i / 50)
                                                          .append("title", "Health safeguarding duty " + i)
                                                          .append("status", "CONFIRMED")
                                                          .append("startsAt", new Date()).append("endsAt", new Date()));
                if (batch.size() == 1000) {
                    duties.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                duties.insertMany(batch);
            }
            int warmUp = lookups;
            long[] nanos = new long[lookups];
            for (int i = 0; i < warmUp + lookups; i++) {
                String volunteer = "resident-" + (i * 7919L) % volunteers;
                long sent = System.nanoTime();
                int found = duties.find(eq("volunteer", volunteer)).into(new ArrayList<>()).size();
                if (i >= warmUp) {
                    nanos[i - warmUp] = System.nanoTime() - sent;
                }
                if (found != DUTIES_EACH) {
                    throw new IllegalStateException(volunteer + " has " + found + " duties, not " + DUTIES_EACH);
                }
            }
            return new double[]{Figures.percentile(nanos, 50), Figures.percentile(nanos, 99)};
        }
    }
}
