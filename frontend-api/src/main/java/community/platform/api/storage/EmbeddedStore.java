package community.platform.api.storage;

import community.platform.shared.audit.ScratchCollections;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The embedded MongoDB wire-protocol server, on loopback, that the platform talks to as it would to MongoDB. */
public final class EmbeddedStore implements AutoCloseable {

    public static final String FILE_NAME = "platform.mv";

    private final MongoServer server;
    private final String description;

    private EmbeddedStore(MongoBackend backend, String host, int port, String description) {
        this.server = new MongoServer(backend.version(StoreVersion.MONGODB_4_4));
        server.bind(host, port);
        this.description = description;
    }

    /**
     * The event store's position counter, and the views a rebuild makes beside the live ones: see {@link
     * DurableH2Backend} for why their writes need no commit of their own.
     */
    private static final Predicate<String> DEFERRED_COMMIT_COLLECTIONS =
            collection -> collection.equals("eventCounters") || ScratchCollections.isScratch(collection);

    public static EmbeddedStore onDisk(Path dataDirectory, String host, int port) {
        Path file = dataDirectory.toAbsolutePath().resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory.toAbsolutePath()
                                                   + " (PLATFORM_DATA_DIR)", e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).compress().open();
            // A commit per write (DurableH2Backend) writes a chunk per write. H2 keeps dead chunks for 45 s by default,
            // against disks that reorder writes on power loss, which a commit without fsync does not guard against
            // anyway; kept, they grew the file by about 4.6 KB per event. Reusing their space at once, with
            // compressed pages, brings that to about 330 bytes (docs/benchmarks.md, "Embedded store backends").
            store.setRetentionTime(0);
        } catch (MVStoreException e) {
            throw new IllegalStateException("Cannot open the embedded store's file " + file + ": " + e.getMessage()
                                                    + ". If another platform instance uses this data directory, give"
                                                    + " this one its own PLATFORM_DATA_DIR or share a MongoDB through"
                                                    + " MONGODB_URI.", e);
        }
        return new EmbeddedStore(DurableH2Backend.open(store, DEFERRED_COMMIT_COLLECTIONS), host, port, "H2 file " + file);
    }

    public static EmbeddedStore inMemory(String host, int port) {
        return new EmbeddedStore(new MemoryBackend(), host, port, "in memory, nothing kept");
    }

    public String connectionString() {
        InetSocketAddress address = server.getLocalAddress();
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
