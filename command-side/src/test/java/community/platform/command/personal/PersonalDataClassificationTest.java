package community.platform.command.personal;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import community.platform.shared.personal.PersonalData;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text field of every event is classified: marked {@link PersonalData} (encrypted per person), or named here as
 * not personal after a look at what it holds. A new event, or a new text field, fails this test until it is one or
 * the other.
 */
class PersonalDataClassificationTest {

    /**
     * Ids (of records, requests, keys; a child's id is a keyed hash that names no one), usernames (pseudonymous
     * handles that key records, not names), titles and places of public posts, events and courses, error codes and the
     * texts the platform writes itself, the version of the notice a guardian consented to, and the organizers' reasons
     * for changes (which the README asks organizers to keep free of personal details).
     */
    private static final Set<String> NOT_PERSONAL = Set.of(
            "postId", "eventId", "courseId", "enrollmentId", "requestId", "scheduleId", "venueId", "entryId",
            "inboxId", "noticeId", "streamId", "username", "volunteer", "resident", "guardian", "organizer", "judge",
            "recipient", "author", "actor", "title", "description", "team", "location", "venue", "previousVenue",
            "instructor", "reason", "detail", "subject", "type", "upperLine", "lowerLine", "horizontalScroll",
            "question", "answer", "erasedBy", "refusedBy", "accessId", "auditor", "childId", "room",
            "consentVersion", "retentionId", "digestBefore", "digestAfter", "neighbourhoodId", "neighbourhoodName",
            "areas", "code", "seriesId", "rrule", "language");

    @Test
    void everyTextFieldOfEveryEventIsPersonalOrNamedAsNot() {
        List<String> unclassified = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        events().forEach(event -> unclassified(event, seen, unclassified));
        assertThat(unclassified).as("text fields neither marked @PersonalData nor named as not personal").isEmpty();
    }

    /** The record's text fields, and those of the records it holds (alone or in a list), at every depth. */
    private static void unclassified(Class<?> record, Set<Class<?>> seen, List<String> found) {
        if (!seen.add(record)) {
            return;
        }
        for (RecordComponent field : record.getRecordComponents()) {
            if (field.getType() == String.class && !field.isAnnotationPresent(PersonalData.class)
                    && !NOT_PERSONAL.contains(field.getName())) {
                found.add(record.getSimpleName() + "." + field.getName());
            }
            held(field.getGenericType()).filter(Class::isRecord).forEach(inner -> unclassified(inner, seen, found));
        }
    }

    private static Stream<Class<?>> held(Type type) {
        if (type instanceof Class<?> plain) {
            return Stream.of(plain);
        }
        if (type instanceof ParameterizedType generic) {
            return Arrays.stream(generic.getActualTypeArguments()).flatMap(PersonalDataClassificationTest::held);
        }
        return Stream.empty();
    }

    @Test
    void theFieldsTheLawNamesAreMarked() {
        assertThat(personalFields()).as("in the events themselves").contains("AccountRegisteredEvent.phone", "AccountRegisteredEvent.displayName",
                                              "VolunteerSignedUpEvent.displayName", "ChildEnrolledEvent.childName",
                                              "EnrollmentRequestedEvent.childName",
                                              "CourseFeedbackGivenEvent.comment");
    }

    @Test
    void aPersonalFieldNamesASubjectOfItsOwnRecord() {
        for (Class<?> event : events()) {
            for (RecordComponent field : event.getRecordComponents()) {
                PersonalData personal = field.getAnnotation(PersonalData.class);
                if (personal != null) {
                    assertThat(Arrays.stream(event.getRecordComponents()).map(RecordComponent::getName))
                            .as(event.getSimpleName() + "." + field.getName()).contains(personal.subject());
                }
            }
        }
    }

    private static List<String> personalFields() {
        return events().stream().flatMap(event -> Arrays.stream(event.getRecordComponents())
                .filter(field -> field.isAnnotationPresent(PersonalData.class))
                .map(field -> event.getSimpleName() + "." + field.getName())).toList();
    }

    /** The top-level records of the published language whose names end in "Event": what the log stores. */
    private static List<Class<?>> events() {
        List<Class<?>> events = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                                       .importPackages("community.platform.shared").stream()
                                                       .filter(type -> type.getSimpleName().endsWith("Event")
                                                                       && !type.isNestedClass())
                                                       .map(JavaClass::reflect)
                                                       .filter(Class::isRecord)
                                                       .<Class<?>>map(type -> type).toList();
        assertThat(events).hasSizeGreaterThan(40);
        return events;
    }
}
