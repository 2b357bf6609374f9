package community.platform.command.eventstore;

import community.platform.api.storage.EmbeddedStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link PersonalDataMigrationTest} again on the backend the platform uses by default: the embedded server's durable H2 file. */
class PersonalDataMigrationOnDurableH2Test extends PersonalDataMigrationTest {

    @TempDir
    static Path dataDirectory;

    /** Hides the in-memory server of the tests it runs again. */
    @BeforeAll
    static void startServer() {
        EmbeddedStore store = EmbeddedStore.onDisk(dataDirectory, "127.0.0.1", 0);
        mongo = new EmbeddedMongo(store.connectionString(), store);
    }
}
