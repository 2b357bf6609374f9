package community.platform.command.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import community.platform.command.eventstore.personal.PersonalFields;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.command.eventstore.personal.PersonalMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The JSON form of stored events and snapshots: records as plain JSON, times as ISO-8601 strings, and exact numbers
 * (BigDecimal, BigInteger) as strings so that storing them as BSON cannot round them. Unknown properties are ignored,
 * so an event with a field removed still loads.
 */
public final class EventSerialization {

    private EventSerialization() {
    }

    /** Without personal data keys: fields marked personal are written and read as they are (tests, tools). */
    public static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(mapper()).build();
    }

    /**
     * Fields marked {@link community.platform.shared.personal.PersonalData}, and the client address in metadata,
     * encrypted under their subject's key.
     */
    public static Serializer serializer(PersonalKeys keys) {
        return new PersonalMetaData(JacksonSerializer.builder().objectMapper(withPersonalFields(mapper(), keys)).build(),
                                    keys);
    }

    /**
     * Snapshots are aggregates, which keep private fields and have no getters (house style), so their fields are what
     * is written.
     */
    public static Serializer snapshotSerializer() {
        return JacksonSerializer.builder().objectMapper(fieldMapper()).build();
    }

    public static Serializer snapshotSerializer(PersonalKeys keys) {
        return JacksonSerializer.builder().objectMapper(withPersonalFields(fieldMapper(), keys)).build();
    }

    private static ObjectMapper fieldMapper() {
        return mapper().setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                       .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }

    private static ObjectMapper withPersonalFields(ObjectMapper mapper, PersonalKeys keys) {
        return mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(
                new PersonalFields(keys), mapper.getSerializationConfig().getAnnotationIntrospector()));
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        mapper.configOverride(BigInteger.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        return mapper;
    }
}
