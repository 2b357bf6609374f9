package community.platform.command.eventstore.personal;

import community.platform.command.personal.ChildIds;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Each data subject's key: a Tink AEAD keyset (AES-256-GCM), one document per subject in its own collection
 * ({@code personalKeys}: {@code _id} a random key id, {@code subject}, {@code keyset}). A keyset is stored encrypted
 * under a key derived from the server secret, which is kept outside the database, so the database alone (or a copy of
 * it) decrypts nothing. Erasing a subject deletes their document: what was encrypted under it can no longer be read by
 * anyone, while the ciphertext, and the hash chain over it, stay as they were.
 * <p>
 * Keys are cached for a minute: on another instance an erasure takes effect within that minute; on this one at once.
 */
public class PersonalKeys {

    private static final byte[] KEYSET_CONTEXT = "personal data keyset".getBytes(StandardCharsets.UTF_8);

    private final MongoCollection<Document> keys;
    private final Aead keysetKey;
    private final ChildIds childIds;
    /** Shared with the keys made from these ({@link #forgetting}): an erasure through any of them reaches all. */
    private final Cache<String, Optional<Aead>> byKeyId;
    private final Cache<String, String> keyIdBySubject;
    /** Keys erased through these keys so far: a cipher read before an erasure is not kept after it. */
    private final AtomicLong erasures;
    /** Subjects whose data is sealed under keys that are never kept ({@link #forgetting}). */
    private final Set<String> forgotten;
    /** Told after a key is erased here: what holds personal data in plain text forgets it. */
    private final List<Runnable> erasureListeners;

    public PersonalKeys(MongoCollection<Document> keys, byte[] serverSecret) {
        this.keys = keys;
        this.byKeyId = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();
        this.keyIdBySubject = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();
        this.forgotten = Set.of();
        this.erasures = new AtomicLong();
        this.erasureListeners = new CopyOnWriteArrayList<>();
        this.childIds = new ChildIds(serverSecret);
        try {
            AeadConfig.register();
            this.keysetKey = new AesGcmJce(Hkdf.computeHkdf("HMACSHA256", serverSecret, new byte[0], KEYSET_CONTEXT,
                                                            32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
        keys.createIndex(Indexes.ascending("subject"), new IndexOptions().unique(true));
        refuseAnotherSecret();
    }

    /**
     * Fails at once, before anything is read or written, when the store holds keys that this server secret does not
     * open: an instance started with another secret than the others (or after its secret was lost) would otherwise
     * stop on the first personal field it reads.
     */
    private void refuseAnotherSecret() {
        Document any = keys.find().first();
        if (any == null) {
            return;
        }
        try {
            TinkJsonProtoKeysetFormat.parseEncryptedKeyset(any.getString("keyset"), keysetKey,
                                                           any.getString("_id").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The server secret does not open the personal data keys in this store."
                                            + " Every instance on one store needs the same secret"
                                            + " (platform.security.server-secret, or $PLATFORM_DATA_DIR/server-secret"
                                            + " on the embedded store); without the one they were made under, no"
                                            + " personal field can be read.", e);
        }
    }

    private PersonalKeys(PersonalKeys keys, Set<String> forgotten) {
        this.keys = keys.keys;
        this.keysetKey = keys.keysetKey;
        this.childIds = keys.childIds;
        this.byKeyId = keys.byKeyId;
        this.keyIdBySubject = keys.keyIdBySubject;
        this.forgotten = Set.copyOf(forgotten);
        this.erasures = keys.erasures;
        this.erasureListeners = keys.erasureListeners;
    }

    /**
     * These keys, except that what is sealed for a subject in {@code erased} is sealed under a key made for it and
     * never kept, so it reads as erased (and a key they were given since is not used for it): for encrypting, after
     * the fact, plain text written before their erasure.
     */
    public PersonalKeys forgetting(Set<String> erased) {
        return new PersonalKeys(this, erased);
    }

    /** Children's ids, under the same server secret as the keys. */
    public ChildIds childIds() {
        return childIds;
    }

    /** A random secret for a process that has no server secret: its keys open only in this process. */
    public static byte[] processKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** The id and cipher of the subject's key, made now if they have none (or had theirs erased). */
    public Key forWriting(String subject) {
        if (forgotten.contains(subject)) {
            try {
                return new Key("erased-" + UUID.randomUUID(), KeysetHandle.generateNew(
                        PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not make a key", e);
            }
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            String keyId = keyIdBySubject.get(subject, this::findOrCreate);
            Optional<Aead> cipher = cipher(keyId);
            if (cipher.isPresent()) {
                return new Key(keyId, cipher.get());
            }
            keyIdBySubject.invalidate(subject); // erased since its id was found: a new key, under its own id
        }
        throw new IllegalStateException("A personal data key was erased each time it was found for a write (or the"
                                        + " store still answers with one it has deleted); nothing was written");
    }

    /** The cipher of a key, or empty once it is erased. */
    public Optional<Aead> forReading(String keyId) {
        return cipher(keyId);
    }

    /** Deletes the subject's key, if they have one; answers whether there was one. */
    public boolean erase(String subject) {
        String keyId = keyIdOf(subject);
        return keyId != null && eraseKey(keyId);
    }

    /** Deletes a key; answers whether it was there. */
    public boolean eraseKey(String keyId) {
        Document found = keys.findOneAndDelete(Filters.eq("_id", keyId));
        erasures.incrementAndGet();
        byKeyId.invalidate(keyId);
        keyIdBySubject.invalidateAll();
        erasureListeners.forEach(Runnable::run);
        return found != null;
    }

    /** Runs {@code listener} after every key erased through these keys. */
    public void onErase(Runnable listener) {
        erasureListeners.add(listener);
    }

    /** The id of the subject's key, or null if they have none. */
    public String keyIdOf(String subject) {
        Document found = keys.find(Filters.eq("subject", subject)).first();
        return found == null ? null : found.getString("_id");
    }

    private Optional<Aead> cipher(String keyId) {
        return byKeyId.get(keyId, id -> Optional.ofNullable(keys.find(Filters.eq("_id", id)).first())
                                              .map(document -> open(id, document.getString("keyset"))));
    }

    /** The subject's key id; its cipher is kept too, from the same read (or the key just made). */
    private String findOrCreate(String subject) {
        long erasuresBefore = erasures.get();
        Document existing = keys.find(Filters.eq("subject", subject)).first();
        if (existing != null) {
            String keyId = existing.getString("_id");
            keep(keyId, () -> open(keyId, existing.getString("keyset")), erasuresBefore);
            return keyId;
        }
        String keyId = UUID.randomUUID().toString();
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            keys.insertOne(new Document("_id", keyId).append("subject", subject)
                                                     .append("keyset", TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                                                             keyset, keysetKey, keyId.getBytes(StandardCharsets.UTF_8)))
                                                     .append("createdAt", Date.from(Instant.now())));
            Aead cipher = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            keep(keyId, () -> cipher, erasuresBefore);
            return keyId;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return findOrCreate(subject); // made at the same moment by another writer
            }
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a key", e);
        }
    }

    /**
     * Keeps a key's cipher read outside {@link #byKeyId}, unless one is kept already (or its erasure elsewhere was seen)
     * or a key was erased here since the read. Decided under the cache's lock for the key, which an erasure's
     * invalidation waits for, so a cipher is never visible after its key's erasure here has returned.
     */
    private void keep(String keyId, Supplier<Aead> cipher, long erasuresBefore) {
        byKeyId.get(keyId, id -> erasures.get() == erasuresBefore ? Optional.of(cipher.get()) : null);
    }

    private Aead open(String keyId, String keyset) {
        try {
            return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(keyset, keysetKey,
                                                                  keyId.getBytes(StandardCharsets.UTF_8))
                                            .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal data key " + keyId + " cannot be opened with this server"
                                            + " secret: every instance on one store needs the same secret", e);
        }
    }

    public record Key(String id, Aead aead) {
    }
}
