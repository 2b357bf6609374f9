package community.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import community.platform.api.storage.EmbeddedStore;
import community.platform.command.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The event store's append rate and stream-load latency as the store grows to 10k, 100k and 1M events, against the
 * raw driver's insertOne rate into the same embedded server (durable H2 file backend, as the platform runs by
 * default), measured in the same run.
 * <p>
 * Usage: {@code bench/run event-store [--sizes=10000,100000,1000000] [--out=docs/benchmarks.md]}
 */
public final class EventStoreBenchmark {

    private static final int LOADED_AGGREGATES = 200;
    private static final int EVENTS_PER_LOADED_AGGREGATE = 50;
    private static final int FILL_EVENTS_PER_COMMIT = 10;
    private static final int ROUNDS = 3;
    private static final int OPERATIONS_PER_ROUND = 1000;
    private static final int LOADS = 2000;

    private final MongoEventStorageEngine engine;
    private final MongoCollection<Document> baseline;
    private final Document baselineDocument;
    private final AtomicLong stored = new AtomicLong();
    private int appendAggregate;

    private EventStoreBenchmark(MongoDatabase database) {
        engine = MongoEventStorageEngine.builder().database(database).build();
        engine.ensureIndexes();
        for (int a = 0; a < LOADED_AGGREGATES; a++) {
            for (int seq = 0; seq < EVENTS_PER_LOADED_AGGREGATE; seq++) {
                engine.appendEvents(event("loaded-" + a, seq));
            }
        }
        stored.addAndGet((long) LOADED_AGGREGATES * EVENTS_PER_LOADED_AGGREGATE);
        baseline = database.getCollection("baseline");
        baselineDocument = database.getCollection("eventCommits").find().first();
        baselineDocument.remove("_id");
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream(option(args, "sizes", "10000,100000,1000000").split(","))
                             .mapToLong(Long::parseLong).toArray();
        Path out = Path.of(option(args, "out", "docs/benchmarks.md"));
        Path directory = Files.createTempDirectory("event-store-bench");
        List<String> rows = new ArrayList<>();
        try (EmbeddedStore store = EmbeddedStore.onDisk(directory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            System.out.println("store: " + store.description());
            EventStoreBenchmark bench = new EventStoreBenchmark(client.getDatabase("bench"));
            double firstLoadP50 = 0;
            for (long size : sizes) {
                bench.fillTo(size);
                Result result = bench.measure();
                if (firstLoadP50 == 0) {
                    firstLoadP50 = result.loadP50();
                }
                String line = String.format(
                        "events=%d append=%.0f commits/s insertOne=%.0f docs/s ratio=%.2f load50 p50=%.2f ms"
                                + " p99=%.2f ms growth=%.2fx",
                        bench.stored.get(), result.appendRate(), result.insertOneRate(),
                        result.appendRate() / result.insertOneRate(), result.loadP50(), result.loadP99(),
                        result.loadP50() / firstLoadP50);
                System.out.println(line);
                rows.add(String.format("| %,d | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f× |", bench.stored.get(),
                                       result.appendRate(), result.insertOneRate(),
                                       result.appendRate() / result.insertOneRate(), result.loadP50(),
                                       result.loadP99(), result.loadP50() / firstLoadP50));
            }
        }
        Figures.writeSection(out, "event-store", """
                ## Event store: appends and stream loads as the store grows

                `bench/run event-store`, %s, on %s. Embedded server with the durable H2 file backend (as the
                platform runs by default), reached over loopback by the real driver. Appends: single-event commits,
                one thread, median of %d rounds of %d. Baseline: the raw driver's `insertOne` of a document of the
                same size into the same server, one thread, interleaved with the appends. Loads: %d reads of
                aggregates of 50 events stored as 50 commits, payloads deserialized. Filler history: commits of %d
                events. Targets: ratio at least 0.5; p50 at 1M at most 1.5× p50 at 10k.

                | events stored | append (commits/s) | raw insertOne (docs/s) | ratio | load p50 (ms) | load p99 (ms) | p50 vs first |
                |---|---|---|---|---|---|---|
                %s
                """.formatted(LocalDate.now(), Figures.machine(), ROUNDS, OPERATIONS_PER_ROUND, LOADS,
                              FILL_EVENTS_PER_COMMIT, String.join("\n", rows)));
        System.out.println("wrote " + out);
    }

    private void fillTo(long size) throws Exception {
        long missing = size - stored.get();
        if (missing <= 0) {
            return;
        }
        int threads = 4;
        long commits = missing / FILL_EVENTS_PER_COMMIT;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String prefix = "fill-" + size + "-" + t + "-";
            long share = commits / threads + (t < commits % threads ? 1 : 0);
            done.add(pool.submit(() -> {
                for (long c = 0; c < share; c++) {
                    String id = prefix + c / 10;
                    long first = c % 10 * FILL_EVENTS_PER_COMMIT;
                    engine.appendEvents(IntStream.range(0, FILL_EVENTS_PER_COMMIT)
                                                 .mapToObj(i -> event(id, first + i)).toList());
                    stored.addAndGet(FILL_EVENTS_PER_COMMIT);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("filled to %d events in %.1f s%n", stored.get(), (System.nanoTime() - started) / 1e9);
    }

    private Result measure() {
        List<Double> appendRates = new ArrayList<>();
        List<Double> insertRates = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                Document copy = new Document(baselineDocument);
                baseline.insertOne(copy);
            }
            insertRates.add(OPERATIONS_PER_ROUND / ((System.nanoTime() - started) / 1e9));

            started = System.nanoTime();
            for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                String id = "append-" + appendAggregate++;
                engine.appendEvents(event(id, 0));
            }
            appendRates.add(OPERATIONS_PER_ROUND / ((System.nanoTime() - started) / 1e9));
            stored.addAndGet(OPERATIONS_PER_ROUND);
        }
        long[] loads = new long[LOADS];
        for (int i = 0; i < LOADS; i++) {
            String id = "loaded-" + ThreadLocalRandom.current().nextInt(LOADED_AGGREGATES);
            long started = System.nanoTime();
            long count = engine.readEvents(id).asStream().map(DomainEventMessage::getPayload).count();
            loads[i] = System.nanoTime() - started;
            if (count != EVENTS_PER_LOADED_AGGREGATE) {
                throw new IllegalStateException(id + " loaded " + count + " events");
            }
        }
        return new Result(Figures.median(appendRates), Figures.median(insertRates),
                          Figures.percentile(loads, 50), Figures.percentile(loads, 99));
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("VolunteerPost", aggregateId, sequence,
                                               new BenchEvent(aggregateId, "resident-" + sequence,
                                                              "signed up for the Sunday health safeguarding duty"),
                                               MetaData.with("actor", "resident-" + sequence)
                                                       .and("role", "RESIDENT")
                                                       .and("correlationId", "c-" + sequence));
    }

    static String option(String[] args, String name, String fallback) {
        return Arrays.stream(args).filter(a -> a.startsWith("--" + name + "="))
                     .map(a -> a.substring(name.length() + 3)).findFirst().orElse(fallback);
    }

    private record Result(double appendRate, double insertOneRate, double loadP50, double loadP99) {
    }
}
