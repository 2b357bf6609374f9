package community.platform.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** The embedded MongoDB wire-protocol server, reached over a real connection with the Reactive Streams driver. */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    public EmbeddedMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(uri());
    }

    /** The server's connection string, for a second client (the synchronous driver, as Axon's Mongo extension takes). */
    public String uri() {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    public MongoDatabase database() {
        return client.getDatabase("views");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
