package community.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import community.platform.api.storage.EmbeddedStore;
import community.platform.command.eventstore.MongoEventStorageEngine;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Which backend the embedded server should keep its data in: size on disk per event, write rate and read rate at
 * 100,000 events, for the H2 file backend as the platform configures it (a commit per acknowledged write), for H2 as
 * it comes (a commit about once a second), and for the in-memory backend as the ceiling.
 * <p>
 * Usage: {@code bench/run store-backends [--events=100000] [--out=docs/benchmarks.md]}
 */
public final class StoreBackendBenchmark {

    private static final int EVENTS_PER_COMMIT = 10;
    private static final int WRITERS = 4;

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(EventStoreBenchmark.option(args, "events", "100000"));
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        List<String> rows = new ArrayList<>();
        rows.add(run("H2 file, a commit per write (the platform's default)", events,
                     dir -> new Store(EmbeddedStore.onDisk(dir, "127.0.0.1", 0))));
        rows.add(run("H2 file as it comes (a commit about once a second)", events, dir -> {
            MongoServer server = new MongoServer(new H2Backend(dir.resolve(EmbeddedStore.FILE_NAME).toString()));
            InetSocketAddress address = server.bind();
            return new Store("mongodb://127.0.0.1:" + address.getPort(), server::shutdownNow);
        }));
        rows.add(run("in memory (keeps nothing; the ceiling)", events,
                     dir -> new Store(EmbeddedStore.inMemory("127.0.0.1", 0))));
        Figures.writeSection(out, "store-backends", """
                ## Embedded store backends at %,d events

                `bench/run store-backends`, %s, on %s. Each backend gets a fresh store; %d writers append commits of
                %d events through the event store; then one tracking reader reads every event back, payloads
                deserialized. Size is the H2 file after the writes and again after a clean close.

                | backend | write (events/s) | read (events/s) | bytes/event after writes | bytes/event after close |
                |---|---|---|---|---|
                %s
                """.formatted(events, LocalDate.now(), Figures.machine(), WRITERS, EVENTS_PER_COMMIT,
                              String.join("\n", rows)));
        System.out.println("wrote " + out);
    }

    private static String run(String name, int events, Function<Path, Store> open) throws Exception {
        Path dir = Files.createTempDirectory("store-backend-bench");
        double writeRate;
        double readRate;
        long sizeAfterWrites;
        try (Store store = open.apply(dir); MongoClient client = MongoClients.create(store.uri())) {
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                                                                    .database(client.getDatabase("bench")).build();
            engine.ensureIndexes();
            writeRate = write(engine, events);
            sizeAfterWrites = size(dir);
            long started = System.nanoTime();
            long read;
            try (Stream<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false)) {
                read = all.map(TrackedEventMessage::getPayload).count();
            }
            readRate = read / ((System.nanoTime() - started) / 1e9);
            if (read != events) {
                throw new IllegalStateException("read " + read + " of " + events + " events");
            }
        }
        long sizeAfterClose = size(dir);
        String line = String.format("%s: write=%.0f events/s read=%.0f events/s bytes/event=%s after close=%s",
                                    name, writeRate, readRate, perEvent(sizeAfterWrites, events),
                                    perEvent(sizeAfterClose, events));
        System.out.println(line);
        return String.format("| %s | %.0f | %.0f | %s | %s |", name, writeRate, readRate,
                             perEvent(sizeAfterWrites, events), perEvent(sizeAfterClose, events));
    }

    private static double write(MongoEventStorageEngine engine, int events) throws Exception {
        int commits = events / EVENTS_PER_COMMIT;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int c = writer; c < commits; c += WRITERS) {
                    int own = c / WRITERS;
                    String id = "post-" + writer + "-" + own / 10;
                    long first = (long) (own % 10) * EVENTS_PER_COMMIT;
                    engine.appendEvents(IntStream.range(0, EVENTS_PER_COMMIT).mapToObj(i -> new GenericDomainEventMessage<>(
                            "VolunteerPost", id, first + i,
                            new BenchEvent(id, "resident-" + i, "signed up for the Sunday park clean-up"),
                            MetaData.with("actor", "resident-" + i))).toList());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return events / ((System.nanoTime() - started) / 1e9);
    }

    private static String perEvent(long bytes, int events) {
        return bytes == 0 ? "–" : String.format("%.0f", (double) bytes / events);
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Store(String uri, AutoCloseable closer) implements AutoCloseable {
        Store(EmbeddedStore store) {
            this(store.connectionString(), store);
        }

        @Override
        public void close() throws Exception {
            closer.close();
        }
    }
}
