package community.platform.query.courses;

import community.platform.query.views.Json;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CourseDetails;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Courses are stored with BSON dates now; a course stored before, its times as text, reads the same. */
class CourseViewStorageTest {

    private static final Instant STARTS = Instant.parse("2027-03-02T08:00:00Z");

    private static final CourseDetails COURSE = new CourseDetails(
            "course-1", "zhang", "Calligraphy", "Brush and ink", "Teacher Li", 1, 6, 10, true, false,
            List.of(new CourseDetails.Session(1, STARTS, STARTS.plusSeconds(3600), "101", false)),
            List.of(new CourseDetails.Enrollment("e-1", "wang", "Xiaoming", 3,
                                                 Map.of(1, AttendanceMark.values()[0]))),
            List.of(), List.of(), List.of(), 4, "nb-donghu");

    @Test
    void writesSessionTimesAsDates() {
        Document stored = CourseProjection.write(COURSE);

        assertThat(stored.getList("sessions", Map.class).get(0).get("startsAt")).isEqualTo(Date.from(STARTS));
        assertThat(CourseProjection.read(stored)).isEqualTo(COURSE);
    }

    @Test
    void readsACourseStoredWithItsTimesAsText() throws Exception {
        Document before = Document.parse(Json.MAPPER.writeValueAsString(COURSE)).append("_id", COURSE.id())
                                  .append("lastSequence", 4L).append("guardians", List.of("wang"));

        assertThat(before.getList("sessions", Document.class).get(0).get("startsAt")).isInstanceOf(String.class);
        assertThat(CourseProjection.read(before)).isEqualTo(COURSE);
    }
}
