package community.platform.api.storage;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The embedded server's H2 backend with every write committed to its file before the answer goes out. H2 on its own
 * commits about once a second, so a kill -9 could lose a second of acknowledged writes. A commit hands the data to
 * the operating system: it survives the process dying, not the machine losing power (that is what a MongoDB replica
 * set is for). Writes that arrive while a commit runs share the next one ({@link GroupCommit}).
 * <p>
 * Writes to the collections named as deferred are not committed on their own: an H2 commit covers the whole store, so
 * they are made durable by the next committed write. That fits a counter whose value is only ever used by a write that
 * follows it (the event store's position counter): if the process dies in between, the value was used by nothing.
 * It fits scratch collections too, such as the views a rebuild makes beside the live ones, which it drops and makes
 * again after a restart. H2 commits them within about a second anyway.
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
                                                     "create", "drop", "dropindexes", "dropdatabase",
                                                     "renamecollection");

    private final Predicate<String> deferredCollections;
    private final GroupCommit commits;

    private DurableH2Backend(MVStore store, Predicate<String> deferredCollections) {
        super(store);
        this.deferredCollections = deferredCollections;
        this.commits = new GroupCommit(this::commit);
    }

    static DurableH2Backend open(MVStore store, Predicate<String> deferredCollections) {
        markFormat(store);
        return new DurableH2Backend(store, deferredCollections);
    }

    /** Marks a store whose maps hold BSON ({@link BsonDataTypes}); files written before that have no such map. */
    private static final String FORMAT_MAP = "platform.format";

    /**
     * Marks a new file as keeping BSON. A file written by an earlier version is left unmarked: it is read and written
     * in its own format, H2's Java serialization.
     */
    private static void markFormat(MVStore store) {
        if (store.hasMap(FORMAT_MAP)) {
            return;
        }
        if (store.getMapNames().stream().anyMatch(name -> name.startsWith("databases."))) {
            log.warn("The embedded store's file was written by an earlier version. It keeps that format, which is"
                     + " several times slower to write; a new data directory gets the faster one.");
            return;
        }
        store.openMap(FORMAT_MAP).put("documents", "bson");
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // Called from the superclass's constructor too, so it asks the store rather than a field of this class.
        return getMvStore().hasMap(FORMAT_MAP) ? new BsonH2Database(databaseName, getMvStore(), getCursorRegistry())
                                               : super.openOrCreateDatabase(databaseName);
    }

    /**
     * Answers once the write is committed, a failed one too (an insert of many documents may have stored some); a
     * commit that fails after a failed write is added to that write's error rather than hiding it.
     */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        boolean commit = WRITES.contains(command.toLowerCase(Locale.ROOT))
                && !(query.get(command) instanceof String collection && deferredCollections.test(collection));
        Document answer;
        try {
            answer = super.handleCommand(channel, databaseName, command, query);
        } catch (RuntimeException failed) {
            if (commit) {
                try {
                    commits.afterWrite();
                } catch (RuntimeException commitFailed) {
                    failed.addSuppressed(commitFailed);
                }
            }
            throw failed;
        }
        if (commit) {
            commits.afterWrite();
        }
        return answer;
    }

    /** The writes answered so far, and the commits that held them: fewer commits than writes under concurrent load. */
    GroupCommit commits() {
        return commits;
    }
}
