package community.platform.api.pages;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An organizer's create or edit form (template {@code organizer/form}): labelled fields in order, each with the message
 * for what is wrong with it beside it, and a message for the form as a whole under the key {@code ""}.
 */
record FormPage(String heading, String intro, String action, String submit, List<Field> fields, String key) {

    /** A form that changes a record: sending it twice does the change twice, which changes nothing more. */
    FormPage(String heading, String intro, String action, String submit, List<Field> fields) {
        this(heading, intro, action, submit, fields, null);
    }

    /**
     * A form that creates a record, with a key sent along as {@code idempotencyKey}: the same form sent twice (a
     * double click, two taps) creates one record. A form shown again keeps its key.
     */
    static String keyFor(String typed) {
        return typed == null || typed.isBlank() ? UUID.randomUUID().toString() : typed;
    }

    /**
     * A field: its name (which also picks its label, {@code field.<name>}), its input type ({@code text},
     * {@code number}, {@code datetime-local}, {@code date}, {@code time}, {@code select}, {@code textarea} or
     * {@code neighbourhood}, a choice of those the organizer may publish in), and the
     * value as typed; a select's options are labelled {@code <optionLabels><option>}; its label is the message
     * {@code label}, {@code field.<name>} unless {@link #labelled} says otherwise.
     */
    public record Field(String name, String type, String value, List<String> options, String optionLabels,
                        String label) {

        static Field of(String name, String type, String value) {
            return new Field(name, type, value == null ? "" : value, List.of(), "", "field." + name);
        }

        static Field select(String name, String value, List<String> options, String optionLabels) {
            return new Field(name, "select", value, options, optionLabels, "field." + name);
        }

        /** The same field under another label (message key): one name, two forms that mean it differently. */
        Field labelled(String key) {
            return new Field(name, type, value, options, optionLabels, key);
        }
    }

    /** The form with its messages; a message for a field the form does not have is shown above the form. */
    Rendering render(Map<String, String> invalid, HttpStatus status) {
        Map<String, String> shown = new LinkedHashMap<>();
        invalid.forEach((field, message) -> shown.merge(
                fields.stream().anyMatch(f -> f.name().equals(field)) ? field : "", message,
                (first, second) -> first + " " + second));
        return Rendering.view("organizer/form").status(status)
                        .modelAttribute("heading", heading)
                        .modelAttribute("intro", intro)
                        .modelAttribute("action", action)
                        .modelAttribute("submit", submit)
                        .modelAttribute("fields", fields)
                        .modelAttribute("key", key == null ? "" : key)
                        .modelAttribute("invalid", shown)
                        .build();
    }
}
