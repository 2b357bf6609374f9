package community.platform.command.eventstore.personal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.google.crypto.tink.Aead;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.Subjects;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Where personal fields are encrypted and decrypted: in the JSON mapping of events and snapshots, so that aggregates,
 * processes and projections see plain values and the store (and its hash chain) only ever the ciphertext. A field
 * marked {@link PersonalData} is written as {@code pii:1:<key id>:<ciphertext>}, encrypted under its subject's key
 * with the key id as associated data; it reads back as its value, or as {@value PersonalData#ERASED} once the key is
 * erased. A value stored before encryption (plain text) reads as it is.
 */
public final class PersonalFields extends NopAnnotationIntrospector {

    static final String PREFIX = "pii:1:";

    private final PersonalKeys keys;

    public PersonalFields(PersonalKeys keys) {
        this.keys = keys;
    }

    @Override
    public Object findSerializer(Annotated member) {
        PersonalData personal = member.getAnnotation(PersonalData.class);
        return personal == null ? null : new Encrypting(keys, personal);
    }

    @Override
    public Object findDeserializer(Annotated member) {
        return member.hasAnnotation(PersonalData.class) ? new Decrypting(keys) : null;
    }

    /** Whether a stored value is encrypted (or was, and its key is gone). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The value of a stored field: decrypted, {@value PersonalData#ERASED}, or plain text stored before. */
    public static String open(PersonalKeys keys, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int separator = stored.indexOf(':', PREFIX.length());
        if (separator < 0) {
            throw new IllegalStateException("A personal field is damaged: " + stored);
        }
        String keyId = stored.substring(PREFIX.length(), separator);
        Optional<Aead> key = keys.forReading(keyId);
        if (key.isEmpty()) {
            return PersonalData.ERASED;
        }
        try {
            byte[] plain = key.get().decrypt(Base64.getUrlDecoder().decode(stored.substring(separator + 1)),
                                             keyId.getBytes(StandardCharsets.UTF_8));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A personal field does not decrypt under its key " + keyId
                                            + ": it was changed after it was written", e);
        }
    }

    /** {@code value} encrypted under the subject's key. */
    public static String seal(PersonalKeys keys, String subject, String value) {
        PersonalKeys.Key key = keys.forWriting(subject);
        try {
            byte[] sealed = key.aead().encrypt(value.getBytes(StandardCharsets.UTF_8),
                                               key.id().getBytes(StandardCharsets.UTF_8));
            return PREFIX + key.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a personal field", e);
        }
    }

    private static final class Encrypting extends StdSerializer<String> {

        private final transient PersonalKeys keys;
        private final transient PersonalData personal;

        Encrypting(PersonalKeys keys, PersonalData personal) {
            super(String.class);
            this.keys = keys;
            this.personal = personal;
        }

        @Override
        public void serialize(String value, JsonGenerator json, SerializerProvider provider) throws IOException {
            // any other value is encrypted, one that looks encrypted too: a value comes in plain, never sealed
            if (value.equals(PersonalData.ERASED)) {
                json.writeString(value);
                return;
            }
            String owner = subjectOf(json.currentValue());
            json.writeString(seal(keys, personal.ofChild() ? Subjects.child(keys.childIds().of(owner, value))
                                                           : Subjects.person(owner), value));
        }

        /**
         * The record's accessor of the subject, made callable: an aggregate keeps personal fields in records of its
         * own, which are not public, and without this none of its snapshots could be written.
         */
        private Method accessorOf(Object holder) {
            Method accessor = Arrays.stream(holder.getClass().getRecordComponents())
                                    .filter(component -> component.getName().equals(personal.subject())).findFirst()
                                    .map(RecordComponent::getAccessor).orElseThrow();
            accessor.setAccessible(true);
            return accessor;
        }

        private String subjectOf(Object holder) {
            try {
                Object owner = holder.getClass().isRecord() ? accessorOf(holder).invoke(holder) : fieldOf(holder);
                if (owner == null) {
                    throw new IllegalStateException(holder.getClass().getSimpleName() + "." + personal.subject()
                                                    + " names no one: a personal field needs its subject");
                }
                return owner.toString();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read the subject of a personal field of "
                                                + holder.getClass().getName(), e);
            }
        }

        private Object fieldOf(Object holder) throws ReflectiveOperationException {
            var field = holder.getClass().getDeclaredField(personal.subject());
            field.setAccessible(true);
            return field.get(holder);
        }
    }

    private static final class Decrypting extends StdDeserializer<String> {

        private final transient PersonalKeys keys;

        Decrypting(PersonalKeys keys) {
            super(String.class);
            this.keys = keys;
        }

        @Override
        public String deserialize(JsonParser json, DeserializationContext context) throws IOException {
            return open(keys, json.getValueAsString());
        }
    }
}
