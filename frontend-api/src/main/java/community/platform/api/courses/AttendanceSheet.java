package community.platform.api.courses;

import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CourseDetails;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** {@code GET /api/courses/{id}/attendance}: a row per enrolled child, a column per session. */
public record AttendanceSheet(List<CourseResponse.SessionResponse> sessions, List<Row> rows) {

    /** The latest mark per session number, and how many sessions the child attended. */
    @Schema(name = "AttendanceSheetRow")
    public record Row(String enrollmentId, String childName, int childGrade, String guardian,
                      Map<Integer, AttendanceMark> marks, long attended) {
    }

    static AttendanceSheet of(CourseDetails course) {
        return new AttendanceSheet(course.sessions().stream().map(CourseResponse.SessionResponse::of).toList(),
                                   course.enrolled().stream().map(e -> new Row(e.enrollmentId(), e.childName(),
                                                                               e.childGrade(), e.guardian(),
                                                                               e.marks(), e.attended())).toList());
    }
}
