package community.platform.command.eventstore;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading one stream: by its type and id, from any sequence, in windows of commit ids. */
class StreamsTest extends EventStoreTest {

    @Test
    void readsAStreamFromAGivenSequenceEvenInsideACommit() {
        engine.appendEvents(events("a", 0, 3));
        engine.appendEvents(events("a", 3, 3));
        engine.appendEvents(events("a", 6, 4));

        assertThat(sequences(engine.readEvents("a", 4))).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sequences(engine.readEvents("a", 6))).containsExactly(6L, 7L, 8L, 9L);
        assertThat(sequences(engine.readEvents("a", 10))).isEmpty();
        assertThat(sequences(engine.readEvents("unknown", 0))).isEmpty();
    }

    @Test
    void readsStreamsLongerThanOneQueryWindow() {
        for (long seq = 0; seq < 250; seq++) {
            engine.appendEvents(events("long", seq, 1));
        }

        assertThat(sequences(engine.readEvents("long"))).containsExactlyElementsOf(range(0, 250));
        assertThat(sequences(engine.readEvents("long", 120))).containsExactlyElementsOf(range(120, 250));
        assertThat(engine.lastSequenceNumberFor("long")).contains(249L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void aUsernameCannotSquatAnotherTypesStream() {
        engine.appendEvents(new GenericDomainEventMessage<>("Account", "schedule-alice", 0,
                                                            new Noted("schedule-alice", "registered", EXACT)));

        engine.appendEvents(new GenericDomainEventMessage<>("VolunteerSchedule", "schedule-alice", 0,
                                                            new Noted("schedule-alice", "duty reserved", EXACT)));

        assertThat(texts(engine.readEvents("VolunteerSchedule", "schedule-alice"))).containsExactly("duty reserved");
        assertThat(texts(engine.readEvents("Account", "schedule-alice"))).containsExactly("registered");
        assertThat(engine.readEvents("Inbox", "schedule-alice").asStream()).isEmpty();
    }


    @Test
    void anIdAloneNamesTheStreamThatUsedItFirstAndATypedNameItsTypesStreamAlsoAfterARestart() {
        engine.appendEvents(new GenericDomainEventMessage<>("Account", "schedule-alice", 0,
                                                            new Noted("schedule-alice", "registered", EXACT)));
        engine.appendEvents(new GenericDomainEventMessage<>("VolunteerSchedule", "schedule-alice", 0,
                                                            new Noted("schedule-alice", "duty reserved", EXACT)));

        MongoEventStorageEngine restarted = engine(MongoEventStorageEngine.builder());

        for (MongoEventStorageEngine reader : List.of(engine, restarted)) {
            assertThat(texts(reader.readEvents("schedule-alice"))).containsExactly("registered");
            assertThat(texts(reader.readEvents("VolunteerSchedule:schedule-alice"))).containsExactly("duty reserved");
            assertThat(reader.streams.resolve("VolunteerSchedule:schedule-alice"))
                    .contains(new StreamId("VolunteerSchedule", "schedule-alice"));
            assertThat(reader.streams.resolve("Inbox:schedule-alice")).as("no stream of that type").isEmpty();
            assertThat(reader.lastSequenceNumberFor("VolunteerSchedule:schedule-alice")).contains(0L);
        }
    }
}
