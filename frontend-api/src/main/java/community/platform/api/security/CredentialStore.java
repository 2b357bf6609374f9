package community.platform.api.security;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Date;

import static com.mongodb.client.model.Filters.eq;

/**
 * Password hashes, in their own collection ({@value #COLLECTION}), outside the events that auditors read and export:
 * no password and no hash ever goes into an event.
 */
@Component
public class CredentialStore {

    static final String COLLECTION = "credentials";

    private final MongoCollection<Document> credentials;

    public CredentialStore(MongoDatabase platformViewDatabase) {
        this.credentials = platformViewDatabase.getCollection(COLLECTION);
    }

    public Mono<String> passwordHash(String username) {
        return Mono.from(credentials.find(eq("_id", username)).first()).map(d -> d.getString("passwordHash"));
    }

    /** Stores the hash of a new account; an account's credentials are written once here. */
    public Mono<Void> create(String username, String passwordHash) {
        return Mono.from(credentials.insertOne(new Document("_id", username)
                                                       .append("passwordHash", passwordHash)
                                                       .append("createdAt", Date.from(Instant.now()))))
                   .then();
    }

    /** Deletes an erased account's credentials: it can no longer sign in, and nothing of its password stays. */
    public Mono<Void> delete(String username) {
        return Mono.from(credentials.deleteOne(eq("_id", username))).then();
    }
}
