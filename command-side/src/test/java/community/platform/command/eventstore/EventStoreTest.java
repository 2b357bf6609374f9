package community.platform.command.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;

/**
 * What the event store's tests share: one embedded server per test class, reached over a real connection (frontend-api
 * runs the same tests again on the durable H2 backend by hiding {@link #startServer}), a fresh database and engine per
 * test on a clock the test moves, and events of the type {@code Note}.
 */
abstract class EventStoreTest {

    static final BigDecimal EXACT = new BigDecimal("0.1000000000000000055511151231257827");
    static EmbeddedMongo mongo;

    MongoDatabase database;
    MutableClock clock;
    MongoEventStorageEngine engine;

    @BeforeAll
    static void startServer() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void newStore() {
        database = mongo.freshDatabase();
        clock = new MutableClock(Instant.parse("2027-01-20T07:30:00Z"));
        engine = engine(MongoEventStorageEngine.builder());
    }

    /** An engine on this test's database and clock, with its indexes. */
    MongoEventStorageEngine engine(MongoEventStorageEngine.Builder builder) {
        MongoEventStorageEngine built = builder.database(database).clock(clock).build();
        built.ensureIndexes();
        return built;
    }

    HashChains chains() {
        return new HashChains(engine, database, Duration.ofSeconds(60), clock);
    }

    static GapAwareTrackingToken start() {
        return GapAwareTrackingToken.newInstance(-1, List.of());
    }

    List<? extends TrackedEventMessage<?>> readAll(GapAwareTrackingToken from) {
        return engine.readEvents(from, false).toList();
    }

    static GapAwareTrackingToken lastToken(List<TrackedEventData<?>> batch) {
        return (GapAwareTrackingToken) batch.get(batch.size() - 1).trackingToken();
    }

    static List<DomainEventMessage<?>> events(String id, long from, int count) {
        return LongStream.range(from, from + count).<DomainEventMessage<?>>mapToObj(s -> event(id, s, "note " + s))
                         .toList();
    }

    static DomainEventMessage<?> event(String id, long sequence, String text) {
        return new GenericDomainEventMessage<>("Note", id, sequence, new Noted(id, text, EXACT),
                                               MetaData.with("actor", "alice"));
    }

    static List<Long> sequences(DomainEventStream stream) {
        return stream.asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    static List<String> texts(DomainEventStream stream) {
        return texts(stream.asStream().toList());
    }

    static List<String> texts(List<? extends DomainEventMessage<?>> events) {
        return events.stream().map(e -> ((Noted) e.getPayload()).text()).toList();
    }

    static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    /** A payload Jackson cannot write: its accessor fails. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
