package community.platform.query.audit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import community.platform.shared.accounts.AccountEvent;
import community.platform.shared.accounts.AccountRegisteredEvent;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.volunteering.VolunteerPostEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What an auditor sees without a reason: personal fields masked in events, metadata and past states. */
class PersonalDataMaskTest {

    @Test
    void anEventsPersonalFieldsAreMaskedAndTheRestShown() {
        Map<String, Object> payload = Map.of("username", "lihua", "displayName", "Li Hua", "phone", "13800138000",
                                             "roles", List.of("RESIDENT"));

        assertThat(PersonalDataMask.payload(AccountRegisteredEvent.class, payload))
                .containsEntry("username", "lihua").containsEntry("displayName", "[masked]")
                .containsEntry("phone", "[masked]").containsEntry("roles", List.of("RESIDENT"));
        assertThat(PersonalDataMask.metaData(Map.of("actor", "lihua", "clientAddress", "203.0.113.7")))
                .containsEntry("actor", "lihua").containsEntry("clientAddress", "[masked]");
    }

    @Test
    void theRecordsAnEventHoldsAreMaskedToo() {
        Map<String, Object> payload = Map.of("courseId", "c1", "held", 5, "records", List.of(
                Map.of("enrollmentId", "e1", "guardian", "lihua", "childName", "Li Xiaoming", "attended", 5)));

        assertThat(PersonalDataMask.payload(CourseCompletedEvent.class, payload).toString())
                .doesNotContain("Xiaoming").contains("[masked]").contains("lihua").contains("e1");
    }

    @Test
    void aPastStateIsMaskedAtEveryDepth() {
        Object state = Map.of("courseId", "c1", "enrollments", List.of(
                Map.of("enrollmentId", "e1", "childName", "Li Xiaoming", "grade", 3),
                Map.of("enrollmentId", "e2", "feedback", Map.of("comment", "Very kind teacher"))));

        assertThat(PersonalDataMask.view(state).toString()).doesNotContain("Xiaoming").doesNotContain("kind teacher")
                                                          .contains("e1").contains("grade=3");
    }

    @Test
    void everyPersonalFieldOfARecordWithAPastStateIsMaskedThereByName() {
        Set<Class<?>> folded = Set.of(AccountEvent.class, VolunteerPostEvent.class, CourseEvent.class,
                                      FestivalEventEvent.class);
        List<String> names = new ClassFileImporter().importPackages("community.platform.shared").stream()
                                                    .map(JavaClass::reflect)
                                                    .filter(type -> type.isRecord()
                                                            && folded.stream().anyMatch(f -> f.isAssignableFrom(type)))
                                                    .flatMap(type -> Stream.of(type.getRecordComponents()))
                                                    .filter(field -> field.isAnnotationPresent(PersonalData.class))
                                                    .map(field -> field.getName()).distinct().toList();

        assertThat(names).isNotEmpty();
        assertThat(PersonalDataMask.VIEW_FIELDS).containsAll(names);
    }
}
