package community.platform.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.shared.ErrorCode;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.function.Supplier;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

/**
 * {@code Idempotency-Key} for creating requests: the same key from the same caller gets the first answer again and
 * creates nothing new; the same key with another body is a 422. A key is claimed before the work starts, so two
 * requests with one key at once cannot both create (the second is told the first is in progress). A failed request
 * releases its key, so it can be retried. Keys are kept for 24 hours.
 */
@Component
public class IdempotencyKeys {

    static final String COLLECTION = "idempotencyKeys";
    public static final String HEADER = "Idempotency-Key";

    private final MongoCollection<Document> keys;
    private final ObjectMapper json;
    private final Duration keepFor;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyKeys(MongoDatabase platformViewDatabase, ObjectMapper json,
                           @Value("${platform.idempotency.keep-for:24h}") Duration keepFor) {
        this.keys = platformViewDatabase.getCollection(COLLECTION);
        this.json = json;
        this.keepFor = keepFor;
    }

    public <T> Mono<ResponseEntity<T>> once(String caller, String key, Object request,
                                            Supplier<Mono<ResponseEntity<T>>> work) {
        if (key == null || key.isBlank()) {
            return work.get();
        }
        if (key.length() > 200) {
            return Mono.error(new ApiProblemException(Problems.of(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    "The Idempotency-Key header is longer than 200 characters")));
        }
        String id = caller + "\n" + key;
        String requestHash = hash(request);
        Document claim = new Document("_id", id).append("requestHash", requestHash).append("state", "PENDING")
                                                .append("createdAt", Date.from(clock.instant()));
        return Mono.from(keys.insertOne(claim))
                   .map(inserted -> true)
                   .onErrorResume(IdempotencyKeys::isDuplicateKey, duplicate -> Mono.just(false))
                   .flatMap(claimed -> claimed ? run(id, work) : replay(id, requestHash, caller, key, request, work));
    }

    private <T> Mono<ResponseEntity<T>> run(String id, Supplier<Mono<ResponseEntity<T>>> work) {
        return Mono.defer(work)
                   .flatMap(response -> remember(id, response).thenReturn(response))
                   .onErrorResume(failure -> Mono.from(keys.deleteOne(eq("_id", id))).then(Mono.error(failure)));
    }

    private <T> Mono<ResponseEntity<T>> replay(String id, String requestHash, String caller, String key,
                                              Object request, Supplier<Mono<ResponseEntity<T>>> work) {
        return Mono.from(keys.find(eq("_id", id)).first()).<ResponseEntity<T>>flatMap(stored -> {
            if (stored.getDate("createdAt").toInstant().plus(keepFor).isBefore(clock.instant())) {
                return Mono.from(keys.deleteOne(eq("_id", id))).then(once(caller, key, request, work));
            }
            if (!requestHash.equals(stored.getString("requestHash"))) {
                return Mono.error(new ApiProblemException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                                          "This Idempotency-Key was used for a different request"));
            }
            if (!"DONE".equals(stored.getString("state"))) {
                return Mono.error(new ApiProblemException(ErrorCode.REQUEST_IN_PROGRESS,
                                                          "A request with this Idempotency-Key is still in progress"));
            }
            return Mono.just(this.<T>storedResponse(stored));
        }).switchIfEmpty(Mono.defer(() -> once(caller, key, request, work)));
    }

    private Mono<Void> remember(String id, ResponseEntity<?> response) {
        String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        return Mono.from(keys.updateOne(eq("_id", id), new Document("$set", new Document("state", "DONE")
                .append("status", response.getStatusCode().value())
                .append("location", location)
                .append("body", write(response.getBody()))))).then();
    }

    @SuppressWarnings("unchecked")
    private <T> ResponseEntity<T> storedResponse(Document stored) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(stored.getInteger("status"));
        if (stored.getString("location") != null) {
            answer.header(HttpHeaders.LOCATION, stored.getString("location"));
        }
        try {
            return (ResponseEntity<T>) answer.body(json.readValue(stored.getString("body"), JsonNode.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored answer is not JSON", e);
        }
    }

    /** Forgets keys older than the keeping time, every hour. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetExpired() {
        Mono.from(keys.deleteMany(lt("createdAt", Date.from(clock.instant().minus(keepFor))))).subscribe();
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
