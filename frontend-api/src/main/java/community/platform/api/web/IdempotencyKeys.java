package community.platform.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.shared.ErrorCode;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

/**
 * {@code Idempotency-Key}: the same key from the same caller gets the first answer again and creates nothing new; the
 * same key with another request is a 422. A key is claimed before the work starts, so of two requests with one key at
 * once only one does the work; the other waits for its answer. The work runs to its end even when the caller goes
 * away, and then keeps its answer or, failed, releases the key so that it can be retried. While it runs it renews its
 * claim; a claim not renewed for a lease ({@code platform.idempotency.lease}) was left by an instance that stopped,
 * and the next request with the key takes it over. The records a request creates are named from its claim
 * ({@link #newId}), so a taken-over request names the same records as the first attempt, and whatever of it had
 * landed is refused rather than made twice. Keys are kept for 24 hours.
 * <p>
 * Requests are compared by an HMAC-SHA256 under the {@link ServerSecret} of the operation and its JSON body with
 * every field named like {@code password} left out, with sorted keys; no password, nor any unkeyed digest of a
 * request, is stored. The API's creating requests come here through {@link IdempotentRequests}, the pages' create
 * forms through {@link #once}.
 */
@Component
public class IdempotencyKeys {

    static final String COLLECTION = "idempotencyKeys";
    public static final String HEADER = "Idempotency-Key";
    private static final String SEED = IdempotencyKeys.class.getName() + ".seed";

    private final MongoCollection<Document> keys;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final ServerSecret secret;
    private final Duration keepFor;
    private final Duration lease;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyKeys(MongoDatabase platformViewDatabase, ObjectMapper json, ServerSecret secret,
                           @Value("${platform.idempotency.keep-for:24h}") Duration keepFor,
                           @Value("${platform.idempotency.lease:60s}") Duration lease) {
        this.keys = platformViewDatabase.getCollection(COLLECTION);
        this.json = json;
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.secret = secret;
        this.keepFor = keepFor;
        this.lease = lease;
    }

    /** An answer as it is kept: status, {@code Location}, content type and body. */
    record Answer(int status, String location, String contentType, String body) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * A claimed key: its document's id, the seed the names of the records its request creates are made from (the same
     * for every attempt under the claim), or the answer already given for it.
     */
    record Claim(String id, String seed, Optional<Answer> answered) {
    }

    /**
     * A name for a record the request creates: {@code prefix} and a UUID. Under an {@code Idempotency-Key} the UUID
     * comes from the key's claim, so a request taken over after its instance stopped names the same record again.
     */
    public static String newId(ServerWebExchange exchange, String prefix) {
        String seed = exchange.getAttribute(SEED);
        return prefix + (seed == null ? UUID.randomUUID()
                                      : UUID.nameUUIDFromBytes((seed + "\n" + prefix).getBytes(StandardCharsets.UTF_8)));
    }

    /** The request of {@code exchange} does the work of {@code claim}. */
    static void seed(ServerWebExchange exchange, Claim claim) {
        exchange.getAttributes().put(SEED, claim.seed());
    }

    /**
     * For the pages' create forms: {@code work} once per caller and key, {@code request} compared as its JSON; a
     * repeat is answered with the first answer's status and {@code Location}.
     */
    public Mono<ResponseEntity<?>> once(String caller, String key, Object request, ServerWebExchange exchange,
                                        Supplier<Mono<? extends ResponseEntity<?>>> work) {
        if (key == null || key.isBlank()) {
            return Mono.defer(work);
        }
        return claim(caller, key, digest(request.getClass().getName(), json.valueToTree(request))).flatMap(claim -> {
            if (claim.answered().isPresent()) {
                Answer answer = claim.answered().get();
                ResponseEntity.BodyBuilder repeat = ResponseEntity.status(answer.status());
                Optional.ofNullable(answer.location()).ifPresent(location -> repeat.header(HttpHeaders.LOCATION,
                                                                                           location));
                return Mono.just(repeat.build());
            }
            seed(exchange, claim);
            return toTheEnd(claim, Mono.defer(work)
                       .flatMap(response -> settle(claim.id(), new Answer(
                               response.getStatusCode().value(), response.getHeaders().getFirst(HttpHeaders.LOCATION),
                               null, write(response.getBody()))).thenReturn(response))
                       .onErrorResume(failure -> release(claim.id()).then(Mono.error(failure))));
        });
    }

    /**
     * {@code work} (which settles or releases {@code claim}) runs to its end even when its subscriber cancels, as when
     * the client goes away; meanwhile the claim is renewed every third of the lease.
     */
    <T> Mono<T> toTheEnd(Claim claim, Mono<T> work) {
        return Mono.deferContextual(context -> {
            Disposable renewing = Flux.interval(lease.dividedBy(3), lease.dividedBy(3))
                                      .concatMap(tick -> Mono.from(keys.updateOne(
                                              and(eq("_id", claim.id()), eq("state", "PENDING")),
                                              new Document("$set", new Document("claimedAt", now()))))
                                                             .onErrorResume(failure -> Mono.empty()))
                                      .subscribe();
            return Mono.fromFuture(work.doFinally(signal -> renewing.dispose()).contextWrite(context).toFuture(), true);
        });
    }

    /**
     * Claims {@code key} for {@code caller}'s request with this digest: a new claim, a claim taken over from an
     * instance that stopped, or the answer the first request got. Fails with 422 for another request under the key,
     * and with 409 when the first is still being done after a wait of some seconds.
     */
    Mono<Claim> claim(String caller, String key, String digest) {
        if (key.length() > 200) {
            return Mono.error(new ApiProblemException(Problems.of(
                    HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    "The Idempotency-Key header is longer than 200 characters")));
        }
        String id = caller + "\n" + key;
        String seed = UUID.randomUUID().toString();
        Document claim = new Document("_id", id).append("requestMac", digest).append("state", "PENDING")
                                                .append("seed", seed).append("createdAt", now())
                                                .append("claimedAt", now());
        return Mono.from(keys.insertOne(claim))
                   .thenReturn(new Claim(id, seed, Optional.empty()))
                   .onErrorResume(IdempotencyKeys::isDuplicateKey, taken -> existing(id, digest)
                           .switchIfEmpty(Mono.defer(() -> claim(caller, key, digest))));
    }

    /** Keeps a successful answer for the key; any other answer releases it. */
    Mono<Void> settle(String id, Answer answer) {
        if (!answer.succeeded()) {
            return release(id);
        }
        return Mono.from(keys.updateOne(eq("_id", id), new Document("$set", new Document("state", "DONE")
                .append("status", answer.status())
                .append("location", answer.location())
                .append("contentType", answer.contentType())
                .append("body", answer.body())))).then();
    }

    /** Releases a key whose request failed, so that it can be retried; an answered key stays. */
    Mono<Void> release(String id) {
        return Mono.from(keys.deleteOne(and(eq("_id", id), eq("state", "PENDING")))).then();
    }

    /**
     * The HMAC of {@code operation} and {@code body} without its password fields, keys sorted: equal for the same
     * request however its JSON was laid out.
     */
    String digest(String operation, JsonNode body) {
        try {
            JsonNode withoutSecrets = withoutPasswords(body.deepCopy());
            byte[] text = (operation + "\n" + canonical.writeValueAsString(
                    canonical.treeToValue(withoutSecrets, Object.class))).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(secret.hmac(text));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a request as JSON", e);
        }
    }

    /** The digest of a raw request body: as JSON when it is JSON, else its bytes. */
    String digest(String operation, byte[] body) {
        if (body.length == 0) {
            return digest(operation, json.nullNode());
        }
        try {
            return digest(operation, json.readTree(body));
        } catch (IOException notJson) {
            byte[] text = (operation + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[text.length + body.length];
            System.arraycopy(text, 0, all, 0, text.length);
            System.arraycopy(body, 0, all, text.length, body.length);
            return HexFormat.of().formatHex(secret.hmac(all));
        }
    }

    /**
     * A key claimed already: its stored answer, waiting a while for one still being done, or the claim itself when
     * it was not renewed for a lease; empty if it expired.
     */
    private Mono<Claim> existing(String id, String digest) {
        return Mono.from(keys.find(eq("_id", id)).first()).flatMap(stored -> {
            if (stored.getDate("createdAt").toInstant().plus(keepFor).isBefore(clock.instant())
                    || stored.getString("requestMac") == null) {
                return Mono.from(keys.deleteOne(eq("_id", id))).then(Mono.empty());
            }
            if (!digest.equals(stored.getString("requestMac"))) {
                return Mono.error(new ApiProblemException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                                          "This Idempotency-Key was used for a different request"));
            }
            if ("DONE".equals(stored.getString("state"))) {
                return Mono.just(new Claim(id, stored.getString("seed"), Optional.of(new Answer(
                        stored.getInteger("status"), stored.getString("location"), stored.getString("contentType"),
                        stored.getString("body")))));
            }
            Date claimedAt = Optional.ofNullable(stored.getDate("claimedAt")).orElse(stored.getDate("createdAt"));
            if (claimedAt.toInstant().plus(lease).isAfter(clock.instant())) {
                return Mono.error(new InProgress());
            }
            // taken over only by the one request that moves the claim on from the time it was left at
            String seed = Optional.ofNullable(stored.getString("seed")).orElseGet(() -> UUID.randomUUID().toString());
            String leftAt = stored.containsKey("claimedAt") ? "claimedAt" : "createdAt";
            return Mono.from(keys.updateOne(and(eq("_id", id), eq("state", "PENDING"), eq(leftAt, claimedAt)),
                                            new Document("$set", new Document("claimedAt", now())
                                                    .append("seed", seed))))
                       .flatMap(update -> update.getModifiedCount() == 1
                               ? Mono.just(new Claim(id, seed, Optional.<Answer>empty()))
                               : Mono.error(new InProgress()));
        }).retryWhen(Retry.backoff(16, Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(500))
                          .filter(InProgress.class::isInstance)
                          .onRetryExhaustedThrow((spec, signal) -> new ApiProblemException(
                                  ErrorCode.REQUEST_IN_PROGRESS,
                                  "A request with this Idempotency-Key is still in progress")));
    }

    /**
     * Forgets the answers kept for an erased account: those of its own requests, and that of its registration (sent
     * before it was signed in, and found by the account it made), which held its display name.
     */
    public Mono<Void> forgetAnswersOf(String username) {
        return Mono.from(keys.deleteMany(or(regex("_id", "^" + java.util.regex.Pattern.quote(username + "\n")),
                                            eq("location", "/api/accounts/" + username)))).then();
    }

    /** Forgets keys older than the keeping time, and any kept in the earlier, unkeyed form, every hour. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetExpired() {
        Mono.from(keys.deleteMany(or(lt("createdAt", Date.from(clock.instant().minus(keepFor))),
                                     exists("requestHash")))).subscribe();
    }

    private Date now() {
        return Date.from(clock.instant());
    }

    private static JsonNode withoutPasswords(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> secrets = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (name.toLowerCase(Locale.ROOT).contains("password")) {
                    secrets.add(name);
                }
            });
            object.remove(secrets);
        }
        node.forEach(IdempotencyKeys::withoutPasswords);
        return node;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static final class InProgress extends RuntimeException {
        InProgress() {
            super(null, null, false, false);
        }
    }
}
