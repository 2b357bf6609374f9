package community.platform.command.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * The embedded MongoDB wire-protocol server, reached over a real connection with the real driver: its in-memory
 * backend, or any server at a connection string (the platform's durable H2 backend, in frontend-api's tests).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final String connectionString;
    private final AutoCloseable server;
    private final MongoClient client;

    public EmbeddedMongo() {
        this(inMemory());
    }

    private EmbeddedMongo(MongoServer server) {
        this(uri(server.getLocalAddress()), server::shutdownNow);
    }

    public EmbeddedMongo(String connectionString, AutoCloseable server) {
        this.connectionString = connectionString;
        this.server = server;
        this.client = MongoClients.create(connectionString);
    }

    private static MongoServer inMemory() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        return server;
    }

    private static String uri(InetSocketAddress address) {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public String connectionString() {
        return connectionString;
    }

    public MongoClient client() {
        return client;
    }

    /** A database no other test uses. */
    public MongoDatabase freshDatabase() {
        return client.getDatabase("test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public void close() {
        client.close();
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded server", e);
        }
    }
}
