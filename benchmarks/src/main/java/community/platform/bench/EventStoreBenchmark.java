package community.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import community.platform.api.storage.EmbeddedStore;
import community.platform.command.eventstore.EventSerialization;
import community.platform.command.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.messaging.MetaData;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The event store's append rate, stream-load latency and tracking read as the store grows to 10k, 100k and 1M events,
 * against the raw driver's insertOne rate into the same embedded server (durable H2 file backend, as the platform runs
 * by default), measured in the same run. Beside ours (the command side's eventstore package) the Axon MongoDB
 * extension's own engine runs the same steps in a database of its own on the same server, at every size up to
 * {@code --peer-up-to}: the engine a reader would otherwise take, in the same table.
 * <p>
 * Loads and tracking reads stop after {@code --limit-seconds} each (the figures then cover what was done in that
 * time), so that an engine that scans the whole collection per query still finishes.
 * <p>
 * Usage: {@code bench/run event-store [--sizes=10000,100000,1000000] [--peer-up-to=100000] [--limit-seconds=60]
 * [--out=docs/benchmarks.md]}
 */
public final class EventStoreBenchmark {

    private static final int LOADED_AGGREGATES = 200;
    private static final int EVENTS_PER_LOADED_AGGREGATE = 50;
    private static final int FILL_EVENTS_PER_COMMIT = 10;
    private static final int ROUNDS = 3;
    private static final int OPERATIONS_PER_ROUND = 1000;
    private static final int LOADS = 2000;
    private static final int MIN_LOADS = 10;

    private final String name;
    private final EventStorageEngine engine;
    private final MongoCollection<Document> baseline;
    private final Document baselineDocument;
    private final Duration limit;
    private final AtomicLong stored = new AtomicLong();
    private int appendAggregate;
    private double firstLoadP50;

    /** Stores the aggregates that are loaded later; {@code documents} is where the engine keeps its events. */
    private EventStoreBenchmark(String name, EventStorageEngine engine, MongoDatabase database,
                                MongoCollection<Document> documents, Duration limit) {
        this.name = name;
        this.engine = engine;
        this.limit = limit;
        for (int a = 0; a < LOADED_AGGREGATES; a++) {
            for (int seq = 0; seq < EVENTS_PER_LOADED_AGGREGATE; seq++) {
                engine.appendEvents(event("loaded-" + a, seq));
            }
        }
        stored.addAndGet((long) LOADED_AGGREGATES * EVENTS_PER_LOADED_AGGREGATE);
        baseline = database.getCollection("baseline");
        baselineDocument = documents.find().first();
        baselineDocument.remove("_id");
    }

    /** Ours: one document per commit, global positions (the command side's eventstore package). */
    private static EventStoreBenchmark ours(MongoDatabase database, Duration limit) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database).build();
        engine.ensureIndexes();
        return new EventStoreBenchmark("ours", engine, database, database.getCollection("eventCommits"), limit);
    }

    /**
     * The Axon MongoDB extension's engine as it comes (one document per event, tracking by timestamp with its
     * look-back), with the same serializer as ours, so that the two differ in how they store and query, not in JSON.
     */
    private static EventStoreBenchmark axonExtension(MongoDatabase database, Duration limit) {
        DefaultMongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(database).build();
        org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine engine =
                org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine
                        .builder().mongoTemplate(template)
                        .eventSerializer(EventSerialization.serializer())
                        .snapshotSerializer(EventSerialization.snapshotSerializer())
                        .build();
        engine.ensureIndexes();
        return new EventStoreBenchmark("Axon Mongo extension", engine, database, template.eventCollection(), limit);
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream(option(args, "sizes", "10000,100000,1000000").split(","))
                             .mapToLong(Long::parseLong).toArray();
        long peerUpTo = Long.parseLong(option(args, "peer-up-to", "100000"));
        Duration limit = Duration.ofSeconds(Long.parseLong(option(args, "limit-seconds", "60")));
        Path out = Path.of(option(args, "out", "docs/benchmarks.md"));
        Path directory = Files.createTempDirectory("event-store-bench");
        List<String> rows = new ArrayList<>();
        try (EmbeddedStore store = EmbeddedStore.onDisk(directory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            System.out.println("store: " + store.description());
            EventStoreBenchmark ours = ours(client.getDatabase("bench"), limit);
            EventStoreBenchmark peer = Arrays.stream(sizes).anyMatch(size -> size <= peerUpTo)
                    ? axonExtension(client.getDatabase("peer"), limit) : null;
            for (long size : sizes) {
                rows.add(ours.row(size));
                if (peer != null && size <= peerUpTo) {
                    rows.add(peer.row(size));
                }
            }
        }
        Figures.writeSection(out, "event-store", """
                ## Event store: appends, stream loads and tracking reads as the store grows

                `bench/run event-store`, %s, on %s. Embedded server with the durable H2 file backend (as the
                platform runs by default), reached over loopback by the real driver. Two engines on the same
                server, each in a database of its own: ours (the command side's `eventstore` package: a document
                per commit, global positions) and the Axon MongoDB extension's `MongoEventStorageEngine` as it
                comes (a document per event, tracking by timestamp with a look-back of 1 s), both with our JSON
                serializer; the extension's up to %,d events. Appends: single-event commits, one thread, median of
                %d rounds of %d. Baseline: the raw driver's `insertOne` of a document of the size the engine
                writes into the same server, one thread, interleaved with the appends. Loads: up to %d reads
                (stopping after %d s, at least %d) of aggregates of 50 events stored as 50 commits, payloads
                deserialized. Tracking read: the whole log from the start, as a processor reads it
                (`readEvents(null, false)`, payloads deserialized), stopping after %d s (then the rate is of the
                part read). Filler history: commits of %d events. Targets (ours): ratio at least 0.5; p50 at 1M
                at most 1.5× p50 at 10k.

                | engine | events stored | append (commits/s) | raw insertOne (docs/s) | ratio | load p50 (ms) | load p99 (ms) | p50 vs its first | loads | tracking read (events/s) | events read |
                |---|---|---|---|---|---|---|---|---|---|---|
                %s
                """.formatted(LocalDate.now(), Figures.machine(), peerUpTo, ROUNDS, OPERATIONS_PER_ROUND, LOADS,
                              limit.toSeconds(), MIN_LOADS, limit.toSeconds(), FILL_EVENTS_PER_COMMIT,
                              String.join("\n", rows)));
        System.out.println("wrote " + out);
    }

    /** Fills to {@code size}, measures, prints a line and answers the table's row. */
    private String row(long size) throws Exception {
        fillTo(size);
        Result result = measure();
        long events = stored.get();
        Tracking tracking = trackingRead(events);
        if (firstLoadP50 == 0) {
            firstLoadP50 = result.loadP50();
        }
        System.out.println(String.format(
                "%s: events=%d append=%.0f commits/s insertOne=%.0f docs/s ratio=%.2f load50 p50=%.2f ms"
                        + " p99=%.2f ms growth=%.2fx loads=%d tracking=%.0f events/s (%d of %d in %.1f s)",
                name, events, result.appendRate(), result.insertOneRate(),
                result.appendRate() / result.insertOneRate(), result.loadP50(), result.loadP99(),
                result.loadP50() / firstLoadP50, result.loads(), tracking.rate(), tracking.read(), events,
                tracking.seconds()));
        return String.format("| %s | %,d | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f× | %,d | %.0f | %s |", name, events,
                             result.appendRate(), result.insertOneRate(),
                             result.appendRate() / result.insertOneRate(), result.loadP50(), result.loadP99(),
                             result.loadP50() / firstLoadP50, result.loads(), tracking.rate(),
                             tracking.read() == events ? "all"
                                     : String.format("%,d of %,d in %.0f s", tracking.read(), events,
                                                     tracking.seconds()));
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
        System.out.printf("%s: filled to %d events in %.1f s%n", name, stored.get(),
                          (System.nanoTime() - started) / 1e9);
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
        long deadline = System.nanoTime() + limit.toNanos();
        int done = 0;
        while (done < LOADS && (done < MIN_LOADS || System.nanoTime() < deadline)) {
            String id = "loaded-" + ThreadLocalRandom.current().nextInt(LOADED_AGGREGATES);
            long started = System.nanoTime();
            long count = engine.readEvents(id).asStream().map(DomainEventMessage::getPayload).count();
            loads[done++] = System.nanoTime() - started;
            if (count != EVENTS_PER_LOADED_AGGREGATE) {
                throw new IllegalStateException(name + ": " + id + " loaded " + count + " events");
            }
        }
        long[] measured = Arrays.copyOf(loads, done);
        return new Result(Figures.median(appendRates), Figures.median(insertRates),
                          Figures.percentile(measured, 50), Figures.percentile(measured, 99), done);
    }

    /**
     * Reads the log from the start as a tracking processor does, deserializing every payload, until its end or the
     * time limit; a read that reaches the end must have read every event stored.
     */
    private Tracking trackingRead(long events) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        long read = 0;
        try (Stream<? extends TrackedEventMessage<?>> log = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> each = log.iterator();
            while (each.hasNext() && (read % 100 != 0 || System.nanoTime() < deadline)) {
                each.next().getPayload();
                read++;
            }
            if (!each.hasNext() && read != events) {
                throw new IllegalStateException(name + ": the tracking read found " + read + " events of " + events);
            }
        }
        return new Tracking(read, (System.nanoTime() - started) / 1e9);
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

    private record Result(double appendRate, double insertOneRate, double loadP50, double loadP99, int loads) {
    }

    private record Tracking(long read, double seconds) {

        double rate() {
            return read / seconds;
        }
    }
}
