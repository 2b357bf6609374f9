package community.platform.command.eventstore;

import community.platform.command.eventstore.personal.TestSecret;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.shared.accounts.AccountRegisteredEvent;
import community.platform.shared.accounts.Role;
import community.platform.shared.audit.Seal;
import community.platform.shared.audit.SealCheck;
import community.platform.shared.audit.StoreResealedEvent;
import community.platform.shared.audit.VerifySealQuery;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.CourseFeedbackGivenEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.personal.Subjects;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store written by the release before personal fields were encrypted (the same events, every field in plain text),
 * migrated in place: its plain personal data is encrypted, the chains verify, a seal kept from before still verifies,
 * the step is recorded in the log, and it runs once, also when it is stopped halfway.
 */
class PersonalDataMigrationTest extends EventStoreTest {

    private static final List<String> PLAIN = List.of("Li Hua", "13800138000", "Li Xiaoming", "She loved the couplets",
                                                      "203.0.113.7");

    private PersonalKeys keys;

    /** Li Hua registers, enrolls her son and comments; a course's notes in between; all as the earlier release wrote. */
    @BeforeEach
    void aStoreWrittenInPlainText() {
        keys = TestSecret.keysIn(database);
        MetaData fromHome = MetaData.with("actor", "lihua").and("clientAddress", "203.0.113.7");
        append(new GenericDomainEventMessage<>("Account", "lihua", 0, new AccountRegisteredEvent(
                "lihua", "Li Hua", "13800138000", Set.of(Role.RESIDENT)), fromHome));
        engine.appendEvents(events("course-1", 0, 2));
        append(new GenericDomainEventMessage<>("Course", "sunshine-1", 0, new ChildEnrolledEvent(
                "sunshine-1", "e1", "lihua", "Li Xiaoming", 3, 30, 0), fromHome));
        engine.appendEvents(events("course-1", 2, 2));
        append(new GenericDomainEventMessage<>("Course", "sunshine-1", 1, new CourseFeedbackGivenEvent(
                "sunshine-1", "e1", "lihua", 5, "She loved the couplets"), fromHome));
        engine.appendEvents(events("course-1", 4, 1));
    }

    private void append(DomainEventMessage<?> event) {
        engine.appendEvents(List.of(event));
    }

    private PersonalDataMigration migration() {
        return new PersonalDataMigration(engine, database, keys, chains(), clock);
    }

    private String storedCommits() {
        StringBuilder all = new StringBuilder();
        database.getCollection(CommitLog.COMMITS).find().sort(new Document("firstPosition", 1))
                .forEach(commit -> all.append(commit.toJson()));
        return all.toString();
    }

    /** What the platform reads now: with the personal data keys. */
    private MongoEventStorageEngine reading() {
        return engine(MongoEventStorageEngine.builder().eventSerializer(EventSerialization.serializer(keys)));
    }

    @Test
    void plainPersonalDataIsEncryptedInPlaceAndTheChainsAndAKeptSealStillVerify() {
        assertThat(storedCommits()).contains(PLAIN);
        Seal kept = chains().seal(chains().head());

        StoreResealedEvent done = migration().run().orElseThrow();

        assertThat(storedCommits()).doesNotContain(PLAIN).contains("pii:1:");
        assertThat(done.position()).isEqualTo(kept.position());
        assertThat(done.digestBefore()).isEqualTo(kept.digest());
        assertThat(done.digestAfter()).isNotEqualTo(kept.digest()).isEqualTo(chains().seal(kept.position()).digest());
        assertThat(done.fieldsEncrypted()).isEqualTo(7); // name, phone, child, comment; three addresses
        assertThat(done.commitsRewritten()).isEqualTo(3);
        assertThat(done.eventsLeftPlain()).isZero();
        assertThat(chains().verify(true).verified()).isTrue();
        SealCheck asBefore = chains().handle(new VerifySealQuery(kept.position(), kept.digest()));
        assertThat(asBefore).isEqualTo(new SealCheck(true, done.position(), done.digestAfter()));
        assertThat(chains().handle(new VerifySealQuery(kept.position(), "0".repeat(64))).verified()).isFalse();
        Seal after = chains().seal(kept.position());
        assertThat(chains().handle(new VerifySealQuery(after.position(), after.digest()))).isEqualTo(SealCheck.of(true));

        MongoEventStorageEngine platform = reading();
        DomainEventMessage<?> registered = platform.readEvents("lihua").next();
        assertThat(registered.getPayload()).isEqualTo(new AccountRegisteredEvent("lihua", "Li Hua", "13800138000",
                                                                                 Set.of(Role.RESIDENT)));
        assertThat(registered.getMetaData()).containsEntry("clientAddress", "203.0.113.7");
        assertThat(texts(platform.readEvents("course-1"))).containsExactly("note 0", "note 1", "note 2", "note 3",
                                                                            "note 4");
        DomainEventMessage<?> recorded = platform.readEvents(PersonalDataMigration.STREAM).next();
        assertThat(recorded.getPayload()).isEqualTo(done);
    }

    @Test
    void onceEncryptedTheDataIsErasedWithItsKeyAndEverythingStillVerifies() {
        Seal kept = chains().seal(chains().head());
        migration().run();

        keys.erase(Subjects.person("lihua"));
        keys.erase(Subjects.child(keys.childIds().of("lihua", "Li Xiaoming")));

        MongoEventStorageEngine platform = reading();
        assertThat(((AccountRegisteredEvent) platform.readEvents("lihua").next().getPayload()).phone())
                .isEqualTo(PersonalData.ERASED);
        assertThat(platform.readEvents("sunshine-1").asStream().<Object>map(DomainEventMessage::getPayload).toList())
                .containsExactly(new ChildEnrolledEvent("sunshine-1", "e1", "lihua", PersonalData.ERASED, 3, 30, 0),
                                 new CourseFeedbackGivenEvent("sunshine-1", "e1", "lihua", 5, PersonalData.ERASED));
        assertThat(chains().verify(true).verified()).isTrue();
        assertThat(chains().handle(new VerifySealQuery(kept.position(), kept.digest())).verified()).isTrue();
    }

    @Test
    void thePlainDataOfSomeoneErasedSinceReadsAsErasedAndTheirNewKeyIsLeftAlone() {
        // erased by a release that encrypted new data but had not migrated the old; registered again since
        append(new GenericDomainEventMessage<>("ErasureRequest", "er-1", 0, new PersonalDataErasedEvent(
                "er-1", ErasureSubject.ACCOUNT, "lihua", null, "admin", List.of("key-gone")),
                MetaData.with("actor", "admin")));
        String newKey = keys.forWriting(Subjects.person("lihua")).id();

        StoreResealedEvent done = migration().run().orElseThrow();

        assertThat(done.fieldsEncrypted()).isEqualTo(7);
        assertThat(storedCommits()).doesNotContain(PLAIN);
        MongoEventStorageEngine platform = reading();
        AccountRegisteredEvent registered = (AccountRegisteredEvent) platform.readEvents("lihua").next().getPayload();
        assertThat(registered.displayName()).isEqualTo(PersonalData.ERASED);
        assertThat(registered.phone()).isEqualTo(PersonalData.ERASED);
        assertThat(((ChildEnrolledEvent) platform.readEvents("sunshine-1").next().getPayload()).childName())
                .isEqualTo("Li Xiaoming");
        assertThat(keys.keyIdOf(Subjects.person("lihua"))).isEqualTo(newKey);
    }

    @Test
    void anAccountNamedLikeTheStepsStreamChangesNothing() {
        append(new GenericDomainEventMessage<>("Account", PersonalDataMigration.STREAM, 0, new AccountRegisteredEvent(
                PersonalDataMigration.STREAM, "Someone", null, Set.of(Role.RESIDENT)), MetaData.with("actor", "x")));
        Seal kept = chains().seal(chains().head());

        StoreResealedEvent done = migration().run().orElseThrow();

        assertThat(chains().handle(new VerifySealQuery(kept.position(), kept.digest())))
                .isEqualTo(new SealCheck(true, done.position(), done.digestAfter()));
    }

    @Test
    void itRunsOnceAndLeavesWhatTheNewReleaseWroteAlone() {
        migration().run();
        String migrated = storedCommits();
        append(new GenericDomainEventMessage<>("Account", "wangfang", 0, new AccountRegisteredEvent(
                "wangfang", "Wang Fang", "13900139000", Set.of(Role.RESIDENT)), MetaData.with("actor", "wangfang")));

        assertThat(migration().run()).isEmpty();
        assertThat(storedCommits()).startsWith(migrated).contains("Wang Fang");
        assertThat(reading().readEvents(PersonalDataMigration.STREAM).asStream().count()).isEqualTo(1);
    }

    @Test
    void aNewStoreIsMarkedDoneAndNothingIsRecorded() {
        database.drop();
        engine = engine(MongoEventStorageEngine.builder());

        assertThat(migration().run()).isEmpty();
        append(new GenericDomainEventMessage<>("Account", "wangfang", 0, new AccountRegisteredEvent(
                "wangfang", "Wang Fang", "13900139000", Set.of(Role.RESIDENT)), MetaData.with("actor", "wangfang")));
        assertThat(migration().run()).isEmpty();
        assertThat(storedCommits()).contains("Wang Fang");
    }

    @Test
    void aStoreWhoseChainsDoNotVerifyIsLeftAsItIs() {
        database.getCollection(CommitLog.COMMITS).updateOne(
                Filters.eq("_id", new StreamId("Note", "course-1").commitId(2)),
                Updates.set("events.0.payload.text", "a different note"));
        String tampered = storedCommits();

        assertThat(migration().run()).isEmpty();

        assertThat(storedCommits()).isEqualTo(tampered);
        assertThat(chains().verify(true).verified()).isFalse();
        assertThat(database.getCollection(PersonalDataMigration.STATE).countDocuments()).isZero();
    }

    @Test
    void aMigrationStoppedHalfwayIsFinishedByTheNextInstanceWithTheSameOutcome() {
        Seal kept = chains().seal(chains().head());
        PersonalDataMigration killed = migration();
        AtomicInteger rewritten = new AtomicInteger();
        killed.afterEachRewrite = () -> {
            if (rewritten.incrementAndGet() == 2) {
                throw new IllegalStateException("kill -9");
            }
        };
        assertThatThrownBy(killed::run).hasMessage("kill -9");
        assertThat(storedCommits()).contains("She loved the couplets").doesNotContain("13800138000");

        // another instance starting meanwhile waits for the lease, then takes the work over
        clock.advance(Duration.ofMinutes(3));
        StoreResealedEvent done = migration().run().orElseThrow();

        assertThat(storedCommits()).doesNotContain(PLAIN);
        assertThat(done.digestBefore()).isEqualTo(kept.digest());
        assertThat(done.fieldsEncrypted()).isEqualTo(7);
        assertThat(done.commitsRewritten()).isEqualTo(3);
        assertThat(chains().verify(true).verified()).isTrue();
        assertThat(chains().handle(new VerifySealQuery(kept.position(), kept.digest())).verified()).isTrue();
    }

    @Test
    void aKeptSealFromBeforeFailsOnceTheMigratedLogIsChangedBehindThePlatformsBack() {
        Seal kept = chains().seal(chains().head());
        migration().run();
        Document account = database.getCollection(CommitLog.COMMITS)
                                   .find(Filters.eq("aggregateIdentifier", "lihua")).first();
        List<Document> events = new ArrayList<>(CommitLog.eventsOf(account));
        events.get(0).get("payload", Document.class).put("roles", List.of("ADMIN"));
        database.getCollection(CommitLog.COMMITS).updateOne(Filters.eq("_id", account.get("_id")),
                                                            Updates.set("events", events));

        assertThat(chains().handle(new VerifySealQuery(kept.position(), kept.digest())).verified()).isFalse();
        assertThat(Optional.ofNullable(chains().verify(true).firstBrokenAt())).isPresent();
    }
}
