package community.platform.command.eventstore.personal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import community.platform.command.eventstore.EmbeddedMongo;
import community.platform.command.eventstore.EventSerialization;
import community.platform.shared.accounts.AccountRegisteredEvent;
import community.platform.shared.accounts.Role;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.Subjects;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Personal fields in the JSON of events: stored encrypted per subject, read plain, and erased with the key. */
class PersonalFieldsTest {

    private static final byte[] SECRET = TestSecret.SECRET;
    private static final AccountRegisteredEvent LIHUA = new AccountRegisteredEvent(
            "lihua", "Li Hua", "13800138000", Set.of(Role.RESIDENT));

    private static EmbeddedMongo mongo;
    private MongoDatabase database;
    private PersonalKeys keys;
    private Serializer serializer;

    @BeforeAll
    static void startServer() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void keys() {
        database = mongo.freshDatabase();
        keys = new PersonalKeys(database.getCollection("personalKeys"), SECRET);
        serializer = EventSerialization.serializer(keys);
    }

    @Test
    void personalFieldsAreStoredEncryptedAndReadPlain() {
        SerializedObject<String> stored = serializer.serialize(LIHUA, String.class);

        assertThat(stored.getData()).doesNotContain("Li Hua").doesNotContain("13800138000").contains("\"lihua\"")
                                    .contains("pii:1:");
        assertThat(serializer.<String, AccountRegisteredEvent>deserialize(stored)).isEqualTo(LIHUA);
        assertThat(database.getCollection("personalKeys").find().first().toJson())
                .as("the key is stored wrapped, not as key material in the clear")
                .doesNotContain("Li Hua").contains("lihua").contains("encryptedKeyset");
    }

    @Test
    void afterErasureTheFieldsReadAsErasedAndOtherPeoplesStayReadable() {
        SerializedObject<String> lihua = serializer.serialize(LIHUA, String.class);
        SerializedObject<String> wang = serializer.serialize(
                new AccountRegisteredEvent("wang", "Wang Fang", "13900139000", Set.of(Role.RESIDENT)), String.class);

        assertThat(keys.erase(Subjects.person("lihua"))).isTrue();

        assertThat(serializer.<String, AccountRegisteredEvent>deserialize(lihua)).isEqualTo(new AccountRegisteredEvent(
                "lihua", PersonalData.ERASED, PersonalData.ERASED, Set.of(Role.RESIDENT)));
        assertThat(serializer.<String, AccountRegisteredEvent>deserialize(wang).phone()).isEqualTo("13900139000");
        assertThat(EventSerialization.serializer(new PersonalKeys(database.getCollection("personalKeys"), SECRET))
                                     .<String, AccountRegisteredEvent>deserialize(lihua).displayName())
                .as("on another instance, with no key cached").isEqualTo(PersonalData.ERASED);
    }

    @Test
    void anErasureTellsWhatKeepsPlainTextToForgetIt() {
        AtomicInteger told = new AtomicInteger();
        keys.onErase(told::incrementAndGet);
        serializer.serialize(LIHUA, String.class);

        assertThat(keys.forgetting(Set.of()).erase(Subjects.person("lihua"))).isTrue();
        assertThat(told.get()).as("told once, through keys derived from these too").isEqualTo(1);
    }

    /** A subject's key document is read once for their first write in a while: its id and cipher from one read. */
    @Test
    void aSubjectsFirstWriteReadsTheirKeyOnce() {
        List<String> keyReads = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && event.getCommand().getString("find").getValue().equals("personalKeys")) {
                    keyReads.add(event.getCommand().getDocument("filter").toJson());
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(
                new ConnectionString(mongo.connectionString())).addCommandListener(listener).build())) {
            MongoCollection<org.bson.Document> stored = client.getDatabase(database.getName())
                                                              .getCollection("personalKeys");
            SerializedObject<String> lihua = EventSerialization.serializer(new PersonalKeys(stored, SECRET))
                                                               .serialize(LIHUA, String.class);
            Serializer afterAWhile = EventSerialization.serializer(new PersonalKeys(stored, SECRET));
            keyReads.clear();

            afterAWhile.serialize(LIHUA, String.class);
            assertThat(keyReads).as("their key found by subject, and nothing more").hasSize(1);
            assertThat(afterAWhile.<String, AccountRegisteredEvent>deserialize(lihua)).isEqualTo(LIHUA);
            assertThat(keyReads).as("and read back with the key it found").hasSize(1);
        }
    }

    /** Their key, found for a write just before an erasure here, is not kept after it (and the write gets a new one). */
    @Test
    void aKeyErasedWhileItsSubjectsWriteFoundItIsNotKept() {
        String lihua = Subjects.person("lihua");
        String erased = keys.forWriting(lihua).id();
        AtomicReference<PersonalKeys> erasing = new AtomicReference<>();
        CommandListener eraseAfterTheFind = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                PersonalKeys keys = erasing.getAndSet(null);
                if (keys != null && event.getCommandName().equals("find")) {
                    keys.eraseKey(erased);
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(
                new ConnectionString(mongo.connectionString())).addCommandListener(eraseAfterTheFind).build())) {
            PersonalKeys afterAWhile = new PersonalKeys(client.getDatabase(database.getName())
                                                              .getCollection("personalKeys"), SECRET);
            erasing.set(afterAWhile);

            String written = afterAWhile.forWriting(lihua).id();

            assertThat(erasing.get()).as("erased between the find and keeping its cipher").isNull();
            assertThat(afterAWhile.forReading(erased)).isEmpty();
            assertThat(afterAWhile.forgetting(Set.of()).forReading(erased)).isEmpty();
            assertThat(written).isNotEqualTo(erased);
            assertThat(afterAWhile.forReading(written)).isPresent();
        }
    }

    @Test
    void aChildHasAKeyOfTheirOwnApartFromTheirGuardians() {
        ChildEnrolledEvent enrolled = new ChildEnrolledEvent("course-1", "e1", "lihua", "Li Xiaoming", 3, 20, 0);
        SerializedObject<String> stored = serializer.serialize(enrolled, String.class);
        assertThat(stored.getData()).doesNotContain("Xiaoming");

        keys.erase(Subjects.person("lihua"));
        assertThat(serializer.<String, ChildEnrolledEvent>deserialize(stored).childName()).isEqualTo("Li Xiaoming");

        keys.erase(Subjects.child(keys.childIds().of("lihua", " li  xiaoming ")));
        assertThat(serializer.<String, ChildEnrolledEvent>deserialize(stored).childName()).isEqualTo(PersonalData.ERASED);
    }

    @Test
    void theClientAddressInMetadataIsTheActorsAndErasedWithThem() {
        SerializedObject<String> stored = serializer.serialize(
                MetaData.with("actor", "lihua").and("clientAddress", "203.0.113.7"), String.class);
        assertThat(stored.getData()).doesNotContain("203.0.113.7").contains("pii:1:");
        assertThat(serializer.<String, MetaData>deserialize(stored)).containsEntry("clientAddress", "203.0.113.7");

        keys.erase(Subjects.person("lihua"));

        assertThat(serializer.<String, MetaData>deserialize(stored))
                .containsEntry("clientAddress", PersonalData.ERASED).containsEntry("actor", "lihua");
    }

    @Test
    void snapshotsKeepPersonalFieldsEncryptedToo() {
        Serializer snapshots = EventSerialization.snapshotSerializer(keys);
        CourseCompletion completion = new CourseCompletion("e-1", "lihua", "Li Xiaoming", 5, 5, true);

        SerializedObject<String> stored = snapshots.serialize(completion, String.class);

        assertThat(stored.getData()).doesNotContain("Xiaoming").contains("pii:1:");
        assertThat(snapshots.<String, CourseCompletion>deserialize(stored)).isEqualTo(completion);
    }

    @Test
    void aValueThatLooksEncryptedIsEncryptedLikeAnyOtherAndReadsBackAsTyped() {
        AccountRegisteredEvent sly = new AccountRegisteredEvent("sly", "pii:1:nokey:Li Hua", "pii:1:x",
                                                                Set.of(Role.RESIDENT));

        SerializedObject<String> stored = serializer.serialize(sly, String.class);

        assertThat(stored.getData()).doesNotContain("Li Hua").doesNotContain("pii:1:nokey");
        assertThat(serializer.<String, AccountRegisteredEvent>deserialize(stored)).isEqualTo(sly);
        SerializedObject<String> metaData = serializer.serialize(
                MetaData.with("actor", "sly").and("clientAddress", "pii:1:x"), String.class);
        assertThat(serializer.<String, MetaData>deserialize(metaData)).containsEntry("clientAddress", "pii:1:x");
    }

    @Test
    void aValueStoredBeforeEncryptionReadsAsItIs() {
        SerializedObject<String> plain = EventSerialization.serializer().serialize(LIHUA, String.class);

        assertThat(serializer.<String, AccountRegisteredEvent>deserialize(plain)).isEqualTo(LIHUA);
    }

    @Test
    void aCiphertextChangedInTheStoreIsNotReadAsSomethingElse() {
        String stored = serializer.serialize(LIHUA, String.class).getData();
        int at = stored.indexOf("pii:1:");
        int end = stored.indexOf('"', at);
        char last = stored.charAt(end - 2);
        String changed = stored.substring(0, end - 2) + (last == 'A' ? 'B' : 'A') + stored.substring(end - 1);

        assertThatThrownBy(() -> serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                changed, String.class, AccountRegisteredEvent.class.getName(), "1")))
                .hasStackTraceContaining("was changed after it was written");
    }

    @Test
    void anInstanceWithAnotherServerSecretIsRefusedBeforeItReadsAnything() {
        serializer.serialize(LIHUA, String.class);
        byte[] another = "another secret of 32 bytes......".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new PersonalKeys(database.getCollection("personalKeys"), another))
                .hasMessageContaining("does not open the personal data keys in this store")
                .hasMessageContaining("same secret");
        assertThat(new PersonalKeys(database.getCollection("personalKeys"), SECRET).keyIdOf(Subjects.person("lihua")))
                .isNotNull();
    }

    @Test
    void anInstanceStartedWithAnotherSecretBeforeAnyKeyExistedSaysWhyAFieldDoesNotOpen() {
        Serializer other = EventSerialization.serializer(new PersonalKeys(
                database.getCollection("personalKeys"), "another secret of 32 bytes......".getBytes(StandardCharsets.UTF_8)));
        SerializedObject<String> stored = serializer.serialize(LIHUA, String.class);

        assertThatThrownBy(() -> other.deserialize(stored)).hasStackTraceContaining("same secret");
    }
}
