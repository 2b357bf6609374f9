package community.platform.api.storage;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;

/**
 * The embedded server's H2 backend with every write committed to its file before the answer goes out. H2 on its own
 * commits about once a second, so a kill -9 could lose a second of acknowledged writes. A commit hands the data to
 * the operating system: it survives the process dying, not the machine losing power (that is what a MongoDB replica
 * set is for).
 * <p>
 * Writes to the collections named as deferred are not committed on their own: an H2 commit covers the whole store, so
 * they are made durable by the next committed write. That fits a counter whose value is only ever used by a write that
 * follows it (the event store's position counter): if the process dies in between, the value was used by nothing.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
                                                     "create", "drop", "dropindexes", "dropdatabase",
                                                     "renamecollection");

    private final Set<String> deferredCollections;

    DurableH2Backend(MVStore store, Set<String> deferredCollections) {
        super(store);
        this.deferredCollections = deferredCollections;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (WRITES.contains(command.toLowerCase(Locale.ROOT)) && !deferredCollections.contains(query.get(command))) {
                commit();
            }
        }
    }
}
