package community.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import community.platform.api.storage.EmbeddedStore;
import community.platform.command.eventstore.MongoEventStorageEngine;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/**
 * The event store's global position counter on its own: every commit takes its positions from one document
 * ({@code eventCounters}, {@code _id: "position"}) with a findOneAndUpdate {@code $inc} before its insert, so every
 * append in the deployment passes through that one document. This measures how many increments per second the embedded
 * durable store gives it, and their latency, at 1, 4, 16 and 64 client threads.
 * <p>
 * The engine's method for it is package-private, so this sends the same command it sends ({@code CommitLog
 * .reservePositions}: {@code $inc next} and {@code $set reservedAt}, upsert, the value before), one position at a time,
 * into the same collection of a store the engine has opened. Two comparisons in the same run: one counter document per
 * thread (no document shared), and the hot counter in a collection whose every write is committed to the file (the
 * platform's store leaves the counter's writes to the next commit, see {@code DurableH2Backend}). After each round
 * every value handed out is checked to be unique and without holes.
 * <p>
 * Usage: {@code bench/run counter [--threads=1,4,16,64] [--seconds=5] [--out=docs/benchmarks.md]}
 */
public final class CounterBenchmark {

    private static final String COUNTERS = "eventCounters";
    private static final String POSITION = "position";
    private static final double WARMUP_SECONDS = 1;
    private static final double JVM_WARMUP_SECONDS = 3;

    /** One variant at one thread count. */
    record Round(double rate, double p50, double p99, boolean unique) {
        String cell() {
            return String.format("%.0f/s, p50 %.2f ms, p99 %.2f ms", rate, p50, p99);
        }
    }

    private enum Variant {
        HOT("one counter document (as the engine)"),
        PER_THREAD("one document per thread"),
        COMMITTED("one counter document, each write committed");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        int[] threads = Arrays.stream(EventStoreBenchmark.option(args, "threads", "1,4,16,64").split(","))
                              .mapToInt(Integer::parseInt).toArray();
        double seconds = Double.parseDouble(EventStoreBenchmark.option(args, "seconds", "5"));
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        Path directory = Files.createTempDirectory("counter-bench");
        List<String> rows = new ArrayList<>();
        boolean wrong = false;
        try (EmbeddedStore store = EmbeddedStore.onDisk(directory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            System.out.println("store: " + store.description());
            MongoDatabase database = client.getDatabase("platform");
            // the engine makes its indexes and its format document in the same collection, as on a platform's start
            MongoEventStorageEngine.builder().database(database).build().ensureIndexes();
            // the JIT and the server's threads warmed up once for all, so the first cell is not the coldest
            for (Variant variant : Variant.values()) {
                round(collection(database, variant), variant, 4, JVM_WARMUP_SECONDS);
            }
            for (int count : threads) {
                StringBuilder row = new StringBuilder("| " + count + " |");
                StringBuilder line = new StringBuilder(count + " threads:");
                for (Variant variant : Variant.values()) {
                    MongoCollection<Document> collection = collection(database, variant);
                    round(collection, variant, count, WARMUP_SECONDS);
                    Round round = round(collection, variant, count, seconds);
                    wrong |= !round.unique();
                    row.append(' ').append(round.cell()).append(round.unique() ? "" : " **WRONG: values repeated or"
                                                                                       + " skipped**").append(" |");
                    line.append(' ').append(variant.label).append(": ").append(round.cell())
                        .append(round.unique() ? "" : " WRONG").append(';');
                }
                System.out.println(line);
                rows.add(row.toString());
            }
        }
        Figures.writeSection(out, "counter", """
                ## The position counter alone

                `%s`, %s, on %s. The embedded server with the durable H2 file backend (as the platform runs by
                default), in this process, reached over loopback by the real driver (connection pool of 100). Each
                increment is the command the event store sends before every commit (`CommitLog.reservePositions`:
                findOneAndUpdate on `eventCounters` `{_id: "position"}`, `$inc next`, `$set reservedAt`, upsert,
                value before), one position at a time; %.0f s measured per cell after %.0f s of warm-up (and 3 s of each
                variant at 4 threads before the first). Beside it,
                one counter document per thread (nothing shared), and the hot counter in a collection whose every
                write is committed to the file (the platform's store leaves the counter's writes to the next
                commit, which the insert that uses the positions makes). Every value handed out was checked to be
                unique and without holes.

                | threads | %s | %s | %s |
                |---|---|---|---|
                %s

                The embedded server (mongo-java-server) runs one operation at a time per collection (its collection
                methods are `synchronized`), so one shared document and one per thread in the same collection queue
                alike: these are its figures, not MongoDB's. On a replica set the counter document is held by one
                write at a time, for a round trip and a majority write each; docs/scaling.md works out what that
                caps.""".formatted(("bench/run counter " + String.join(" ", args)).trim(),
                                                       LocalDate.now(), Figures.machine(), seconds, WARMUP_SECONDS,
                                                       Variant.HOT.label, Variant.PER_THREAD.label,
                                                       Variant.COMMITTED.label, String.join("\n", rows)));
        System.out.println("wrote " + out);
        if (wrong) {
            System.exit(1);
        }
    }

    private static MongoCollection<Document> collection(MongoDatabase database, Variant variant) {
        return database.getCollection(variant == Variant.COMMITTED ? "committedCounters" : COUNTERS);
    }

    /** {@code threads} threads increment for {@code seconds}; answers the rate, latencies and whether all is sound. */
    private static Round round(MongoCollection<Document> collection, Variant variant, int threads, double seconds)
            throws Exception {
        Histogram latency = new ConcurrentHistogram(60_000_000_000L, 3);
        long[][] values = new long[threads][];
        int[] taken = new int[threads];
        long started = System.nanoTime();
        Api.forSeconds(threads, seconds, thread -> {
            String id = variant == Variant.PER_THREAD ? POSITION + "-" + thread : POSITION;
            long sent = System.nanoTime();
            long value = increment(collection, id);
            latency.recordValue(System.nanoTime() - sent);
            if (values[thread] == null) {
                values[thread] = new long[1024];
            } else if (taken[thread] == values[thread].length) {
                values[thread] = Arrays.copyOf(values[thread], values[thread].length * 2);
            }
            values[thread][taken[thread]++] = value;
        });
        double elapsed = (System.nanoTime() - started) / 1e9;
        long total = Arrays.stream(taken).sum();
        return new Round(total / elapsed, latency.getValueAtPercentile(50) / 1e6,
                         latency.getValueAtPercentile(99) / 1e6, sound(variant, values, taken));
    }

    /** The engine's increment: the counter's value before, which the embedded server answers consistently. */
    private static long increment(MongoCollection<Document> counters, String id) {
        Document before = counters.findOneAndUpdate(eq("_id", id),
                                                    Updates.combine(Updates.inc("next", 1L),
                                                                    Updates.set("reservedAt",
                                                                                System.currentTimeMillis())),
                                                    new FindOneAndUpdateOptions().upsert(true)
                                                                                 .returnDocument(ReturnDocument.BEFORE));
        return before == null || before.get("next") == null ? 0 : before.getLong("next");
    }

    /** Each document's values, taken together, are consecutive and none repeats. */
    private static boolean sound(Variant variant, long[][] values, int[] taken) {
        if (variant == Variant.PER_THREAD) {
            for (int t = 0; t < taken.length; t++) {
                if (!consecutive(values[t] == null ? new long[0] : Arrays.copyOf(values[t], taken[t]))) {
                    return false;
                }
            }
            return true;
        }
        long[] all = new long[Arrays.stream(taken).sum()];
        int at = 0;
        for (int t = 0; t < taken.length; t++) {
            if (taken[t] > 0) {
                System.arraycopy(values[t], 0, all, at, taken[t]);
                at += taken[t];
            }
        }
        Arrays.sort(all);
        return consecutive(all);
    }

    private static boolean consecutive(long[] sorted) {
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }
}
