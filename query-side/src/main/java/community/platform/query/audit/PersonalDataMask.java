package community.platform.query.audit;

import community.platform.shared.personal.PersonalData;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an auditor sees of personal fields unless they state a reason: {@value #MASKED}. In an event, the fields its
 * type marks {@link PersonalData}, and the client address in its metadata; in a past state (a view), the fields that
 * hold the same things, by name.
 */
final class PersonalDataMask {

    static final String MASKED = PersonalData.MASKED;
    /** The names personal fields have in the views, as in the events (checked against the events by a test). */
    static final Set<String> VIEW_FIELDS = Set.of("displayName", "phone", "childName", "comment", "clientAddress");

    private PersonalDataMask() {
    }

    static Map<String, Object> payload(Class<?> type, Map<String, Object> payload) {
        if (!type.isRecord()) {
            return payload;
        }
        Map<String, Object> masked = new LinkedHashMap<>(payload);
        Arrays.stream(type.getRecordComponents()).filter(field -> field.isAnnotationPresent(PersonalData.class))
              .forEach(field -> masked.computeIfPresent(field.getName(), (name, value) -> MASKED));
        // the records an event holds (a completed course's record of each child) by the names their fields have
        masked.replaceAll((name, value) -> value instanceof Map<?, ?> || value instanceof List<?> ? view(value) : value);
        return masked;
    }

    static Map<String, Object> metaData(Map<String, Object> metaData) {
        Map<String, Object> masked = new LinkedHashMap<>(metaData);
        masked.computeIfPresent("clientAddress", (name, value) -> MASKED);
        return masked;
    }

    /** A view as JSON-like maps and lists, with the personal fields masked at every depth. */
    static Object view(Object view) {
        if (view instanceof Map<?, ?> map) {
            Map<Object, Object> masked = new LinkedHashMap<>();
            map.forEach((key, value) -> masked.put(key, VIEW_FIELDS.contains(String.valueOf(key)) && value != null
                    ? MASKED : view(value)));
            return masked;
        }
        if (view instanceof List<?> list) {
            return list.stream().map(PersonalDataMask::view).toList();
        }
        return view;
    }
}
