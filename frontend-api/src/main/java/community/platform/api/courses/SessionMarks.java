package community.platform.api.courses;

import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CourseDetails;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code PUT /api/courses/{id}/sessions/{sessionNo}/attendance}: the session's marks as they now stand. */
public record SessionMarks(int sessionNo, Map<String, AttendanceMark> marks) {

    /** Marks keyed by enrollment id, in seat order; children not marked yet are left out. */
    static SessionMarks of(CourseDetails course, int sessionNo) {
        Map<String, AttendanceMark> marks = new LinkedHashMap<>();
        course.enrolled().stream().filter(e -> e.marks().containsKey(sessionNo))
              .forEach(e -> marks.put(e.enrollmentId(), e.marks().get(sessionNo)));
        return new SessionMarks(sessionNo, marks);
    }
}
