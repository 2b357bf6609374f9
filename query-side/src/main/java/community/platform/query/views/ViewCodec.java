package community.platform.query.views;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.bson.Document;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * How every view is stored: a view is a record, made into a document and back by this one Jackson mapper.
 *
 * <p>Jackson rather than the driver's record codec: views key maps by number (a course's attendance marks by session),
 * which the record codec cannot do, and Jackson reads both formats stored before it, the course documents with times
 * as ISO text and the hand-mapped ones with BSON dates. Times are written as BSON dates (millisecond precision), so
 * MongoDB can filter and sort on them; enums as their names, the strings the HTTP API shows. Fields a view no longer
 * has ({@code lastSequence}, lookup keys) are skipped on the way back.
 */
public final class ViewCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("bson-dates")
                                    .addSerializer(Instant.class, new InstantAsDate())
                                    .addSerializer(Date.class, new DateAsIs())
                                    .addDeserializer(Instant.class, new InstantFromDate()))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static {
        // a list or map a view gained after its documents were stored reads as empty, not null
        for (Class<?> collection : List.of(List.class, Set.class, Map.class, SortedMap.class)) {
            MAPPER.configOverride(collection).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
        }
    }

    private ViewCodec() {
    }

    /** The view as a document, without an {@code _id} unless the view names one. */
    public static Document toDocument(Object view) {
        return new Document(MAPPER.convertValue(view, MAP));
    }

    public static <V> V fromDocument(Document document, Class<V> type) {
        return MAPPER.convertValue(document, type);
    }

    /** Handed through as it is, so the document holds a {@link Date}, which the driver writes as a BSON date. */
    private static final class InstantAsDate extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider serializers) throws IOException {
            out.writeEmbeddedObject(Date.from(value));
        }
    }

    /** A BSON date read from a document, handed through to {@link InstantFromDate}. */
    private static final class DateAsIs extends JsonSerializer<Date> {
        @Override
        public void serialize(Date value, JsonGenerator out, SerializerProvider serializers) throws IOException {
            out.writeEmbeddedObject(value);
        }
    }

    /** A BSON date; or ISO-8601 text or epoch milliseconds, as views stored before this codec hold them. */
    private static final class InstantFromDate extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonToken token = in.currentToken();
            if (token == JsonToken.VALUE_EMBEDDED_OBJECT && in.getEmbeddedObject() instanceof Date date) {
                return date.toInstant();
            }
            if (token == JsonToken.VALUE_STRING) {
                return Instant.parse(in.getText());
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(in.getLongValue());
            }
            return (Instant) context.handleUnexpectedToken(Instant.class, in);
        }
    }
}
