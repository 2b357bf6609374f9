package community.platform.command.eventstore.personal;

import com.mongodb.client.MongoDatabase;

import java.nio.charset.StandardCharsets;

/** The server secret the command side's tests make personal data keys and children's ids under. */
public final class TestSecret {

    public static final byte[] SECRET = "a server secret of thirty-two b.".getBytes(StandardCharsets.UTF_8);

    private TestSecret() {
    }

    /** Personal data keys in {@code database}, under the test secret. */
    public static PersonalKeys keysIn(MongoDatabase database) {
        return new PersonalKeys(database.getCollection("personalKeys"), SECRET);
    }
}
