package community.platform.command.eventstore;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Serialized JSON as it is kept in a commit: a JSON object becomes a BSON document, readable and queryable with any
 * MongoDB tool; anything else stays a string. Numbers survive the round trip because the event serializer writes
 * BigDecimal and BigInteger as strings ({@link EventSerialization}).
 */
final class JsonValue {

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private JsonValue() {
    }

    static Object toBson(String json) {
        return json.stripLeading().startsWith("{") ? Document.parse(json) : json;
    }

    static String toJson(Object stored) {
        return stored instanceof Document document ? document.toJson(RELAXED) : (String) stored;
    }
}
