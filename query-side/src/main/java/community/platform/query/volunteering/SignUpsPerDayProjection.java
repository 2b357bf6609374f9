package community.platform.query.volunteering;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.processing.CaughtUp;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.ViewCodec;
import community.platform.shared.volunteering.FindSignUpsPerDayQuery;
import community.platform.shared.volunteering.SignUpsPerDay;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * Sign-ups per day ({@value #COLLECTION}): one document per post counting, per Beijing day, the volunteers who took a
 * seat or a place in the queue that day. A withdrawal takes none off: the chart shows interest as it came.
 */
@Component
@ProcessingGroup(SignUpsPerDayProjection.GROUP)
class SignUpsPerDayProjection {

    static final String GROUP = "sign-ups-per-day";
    static final String COLLECTION = "signUpsPerDay";
    /** Days are the platform's, as its pages show times. */
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final MongoCollection<Document> views;
    private final CaughtUp caughtUp;

    public SignUpsPerDayProjection(MongoDatabase platformViewDatabase, CaughtUp caughtUp) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
        this.caughtUp = caughtUp;
    }

    /** A post's sign-ups by day, days as ISO dates, so that they sort as text. */
    record Days(@JsonProperty("days") SortedMap<String, Long> signUps) {

        Days with(LocalDate day) {
            SortedMap<String, Long> after = new TreeMap<>(signUps);
            after.merge(day.toString(), 1L, Long::sum);
            return new Days(after);
        }

        SignUpsPerDay answer(String postId) {
            return new SignUpsPerDay(postId, signUps.entrySet().stream()
                                                    .map(day -> new SignUpsPerDay.Day(LocalDate.parse(day.getKey()),
                                                                                      day.getValue()))
                                                    .toList());
        }

        Document toDocument(String postId, long lastSequence) {
            return ViewCodec.toDocument(this).append("_id", postId).append("lastSequence", lastSequence);
        }

        static Days from(Document stored) {
            return ViewCodec.fromDocument(stored, Days.class);
        }
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        KeyedViews.update(views, event.postId(), sequence, Days::from, before -> {
            Days days = before == null ? new Days(new TreeMap<>()) : before;
            boolean signUp = event instanceof VolunteerSignedUpEvent || event instanceof VolunteerWaitlistedEvent;
            return signUp ? days.with(LocalDate.ofInstant(at, BEIJING)) : days;
        }, (days, applied) -> days.toDocument(event.postId(), applied));
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    /** Days without sign-ups are left out; a post nobody signed up for, or no post at all, has none. */
    @QueryHandler
    CompletableFuture<Optional<SignUpsPerDay>> handle(FindSignUpsPerDayQuery query) {
        return caughtUp.await(GROUP)
                       .then(Mono.defer(() -> Mono.from(views.find(eq("_id", query.postId())).first())))
                       .map(Days::from)
                       .defaultIfEmpty(new Days(new TreeMap<>()))
                       .map(days -> Optional.of(days.answer(query.postId())))
                       .toFuture();
    }
}
