package community.platform.api.pages;

import org.springframework.context.MessageSource;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A form's fields as typed, read into the values the API takes. A blank field is null, for the API's own checks to
 * name; a field that does not parse is null too, with a message in {@link #invalid()} in the page's language. Times
 * are local to Beijing, as {@code datetime-local} sends them.
 */
final class TypedFields {

    static final ZoneId ZONE = community.platform.api.web.LocalTime.ZONE;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Map<String, String> invalid = new LinkedHashMap<>();
    private final MessageSource messages;
    private final Locale locale;

    TypedFields(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** The fields that did not parse, with their messages, in the order they were read. */
    Map<String, String> invalid() {
        return invalid;
    }

    /** A time as a {@code datetime-local} field shows it, in Beijing time: the value {@link #time} reads back. */
    static String local(OffsetDateTime time) {
        return time.atZoneSameInstant(ZONE).format(LOCAL);
    }

    OffsetDateTime time(String field, String value) {
        return parse(field, value, "validation.time",
                     typed -> LocalDateTime.parse(typed).atZone(ZONE).toOffsetDateTime());
    }

    LocalDate date(String field, String value) {
        return parse(field, value, "validation.date", LocalDate::parse);
    }

    LocalTime clock(String field, String value) {
        return parse(field, value, "validation.clock", LocalTime::parse);
    }

    Integer number(String field, String value) {
        return parse(field, value, "validation.number", Integer::valueOf);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private <T> T parse(String field, String value, String message, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            invalid.put(field, messages.getMessage(message, null, locale));
            return null;
        }
    }
}
