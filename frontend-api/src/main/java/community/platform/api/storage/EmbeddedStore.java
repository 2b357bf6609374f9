package community.platform.api.storage;

import community.platform.shared.audit.ScratchCollections;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/** The embedded MongoDB wire-protocol server, on loopback, that the platform talks to as it would to MongoDB. */
public final class EmbeddedStore implements AutoCloseable {

    public static final String FILE_NAME = "platform.mv";
    /** Beside the store's file while a process has it open: that process's pid, named when another start is refused. */
    static final String PID_FILE_NAME = "platform.pid";

    /**
     * Threads that answer the store's connections. A write waits on its thread for the commit that holds it, so these
     * bound how many writes one commit can hold (Netty's default, twice the cores, held four here).
     */
    private static final int CONNECTION_THREADS = 32;

    private final MongoServer server;
    private final String description;
    private final Path file;
    private final GroupCommit commits;

    private EmbeddedStore(MongoBackend backend, String host, int port, String description, Path file,
                          GroupCommit commits) {
        this.server = new MongoServer(backend.version(StoreVersion.MONGODB_4_4));
        server.bind(new InetSocketAddress(host, port), 1, CONNECTION_THREADS);
        this.description = description;
        this.file = file;
        this.commits = commits;
    }

    /**
     * The event store's position counter, and the views a rebuild makes beside the live ones: see {@link
     * DurableH2Backend} for why their writes need no commit of their own.
     */
    private static final Predicate<String> DEFERRED_COMMIT_COLLECTIONS =
            collection -> collection.equals("eventCounters") || ScratchCollections.isScratch(collection);

    public static EmbeddedStore onDisk(Path dataDirectory, String host, int port) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new DataFolderException("Cannot create the data folder " + dataDirectory.toAbsolutePath() + " ("
                                                  + e + ").", "Set PLATFORM_DATA_DIR to a folder this user can create"
                                                                      + " and write.", e);
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
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new DataFolderException("The data folder " + file.getParent() + " is in use by another process"
                                                      + holder(file) + ".",
                                              "Give this instance its own PLATFORM_DATA_DIR or share a store through"
                                                      + " MONGODB_URI (docs/deployment.md).", e);
            }
            throw new DataFolderException("Cannot open the embedded store's file " + file + ": " + e.getMessage(),
                                          "Check that this user can read and write the file; if it is damaged,"
                                                  + " restore the data folder from a backup.", e);
        }
        writePid(file);
        DurableH2Backend backend = DurableH2Backend.open(store, DEFERRED_COMMIT_COLLECTIONS);
        return new EmbeddedStore(backend, host, port, "H2 file " + file, file, backend.commits());
    }

    /** " (pid 1234)" when the process that has the store open wrote its pid beside it, else nothing. */
    private static String holder(Path file) {
        try {
            return " (pid " + Long.parseLong(Files.readString(file.resolveSibling(PID_FILE_NAME)).trim()) + ")";
        } catch (IOException | NumberFormatException e) {
            return "";
        }
    }

    private static void writePid(Path file) {
        try {
            Files.writeString(file.resolveSibling(PID_FILE_NAME), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            // Only a hint for a second start's message.
        }
    }

    public static EmbeddedStore inMemory(String host, int port) {
        return new EmbeddedStore(new MemoryBackend(), host, port, "in memory, nothing kept", null, null);
    }

    public String connectionString() {
        InetSocketAddress address = server.getLocalAddress();
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public String description() {
        return description;
    }

    /** The store's file, or empty in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The commits of a store on disk, with the writes they held; empty in memory. */
    Optional<GroupCommit> commits() {
        return Optional.ofNullable(commits);
    }

    @Override
    public void close() {
        server.shutdownNow();
        if (file != null) {
            try {
                Files.deleteIfExists(file.resolveSibling(PID_FILE_NAME));
            } catch (IOException e) {
                // A pid left behind names no one: the next start that opens the store writes its own.
            }
        }
    }
}
