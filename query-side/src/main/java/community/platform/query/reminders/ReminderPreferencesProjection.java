package community.platform.query.reminders;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewCodec;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.reminders.FindReminderPreferencesQuery;
import community.platform.shared.reminders.ReminderPreferences;
import community.platform.shared.reminders.ReminderPreferencesSetEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Each resident's reminder preferences ({@value #COLLECTION}), as they last set them; none for an erased resident,
 * whose address is gone with them.
 */
@Component
@ProcessingGroup(ReminderPreferencesProjection.GROUP)
class ReminderPreferencesProjection {

    public static final String GROUP = "reminder-preferences";
    static final String COLLECTION = "reminderPreferences";

    private final MongoCollection<Document> views;

    ReminderPreferencesProjection(MongoDatabase platformViewDatabase) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
    }

    record View(@JsonProperty("_id") String username, String email, boolean emailEnabled, boolean smsEnabled,
                int hoursBefore, String language) {

        ReminderPreferences answer() {
            return new ReminderPreferences(email, emailEnabled, smsEnabled, hoursBefore, language);
        }
    }

    @EventHandler
    void on(ReminderPreferencesSetEvent event) {
        View view = new View(event.username(), event.email(), event.emailEnabled(), event.smsEnabled(),
                             event.hoursBefore(), event.language());
        Mono.from(views.replaceOne(Filters.eq("_id", event.username()), ViewCodec.toDocument(view),
                                   new ReplaceOptions().upsert(true))).block();
    }

    @EventHandler
    void on(PersonalDataErasedEvent event) {
        if (event.ofAccount()) {
            Mono.from(views.deleteOne(Filters.eq("_id", event.username()))).block();
        }
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<ReminderPreferences> handle(FindReminderPreferencesQuery query) {
        return find(views, query.username()).toFuture();
    }

    /** The preferences of those of {@code usernames} who set them, by username. */
    static Map<String, ReminderPreferences> findAll(MongoCollection<Document> views, Set<String> usernames) {
        return usernames.isEmpty() ? Map.of()
                : Flux.from(views.find(Filters.in("_id", usernames)))
                      .map(document -> ViewCodec.fromDocument(document, View.class))
                      .collectMap(View::username, View::answer).block();
    }

    /** The resident's preferences, the default ones when they set none. */
    static Mono<ReminderPreferences> find(MongoCollection<Document> views, String username) {
        return Mono.from(views.find(Filters.eq("_id", username)).first())
                   .map(document -> ViewCodec.fromDocument(document, View.class).answer())
                   .defaultIfEmpty(ReminderPreferences.DEFAULT);
    }
}
