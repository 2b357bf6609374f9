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
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
                                                     "create", "drop", "dropindexes", "dropdatabase",
                                                     "renamecollection");

    DurableH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
        }
    }
}
