package community.platform.api.courses;

import community.platform.api.web.LocalTime;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseStatus;
import community.platform.shared.courses.CourseSummary;
import community.platform.shared.neighbourhoods.Neighbourhoods;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A course as docs/api.md shows it, times in Asia/Shanghai. */
public record CourseResponse(String id, String title, String description, String instructor, String organizer,
                      int minGrade, int maxGrade, int capacity, int enrolled, int waitlisted, int openSeats,
                      CourseStatus status, List<SessionResponse> sessions, String neighbourhoodId) {

    /** A session: its date and wall-clock times as entered, and the same as full timestamps. */
    public record SessionResponse(int sessionNo, LocalDate date, String startTime, String endTime, OffsetDateTime startsAt,
                           OffsetDateTime endsAt, String room, String status) {

        static SessionResponse of(CourseDetails.Session s) {
            OffsetDateTime starts = LocalTime.of(s.startsAt());
            OffsetDateTime ends = LocalTime.of(s.endsAt());
            return new SessionResponse(s.number(), starts.toLocalDate(), starts.toLocalTime().toString(),
                                       ends.toLocalTime().toString(), starts, ends, s.room(),
                                       s.cancelled() ? "CANCELLED" : "SCHEDULED");
        }
    }

    public static CourseResponse of(CourseSummary c) {
        return new CourseResponse(c.id(), c.title(), c.description(), c.instructor(), c.organizer(), c.minGrade(),
                                  c.maxGrade(), c.capacity(), c.enrolled(), c.waitlisted(), c.openSeats(), c.status(),
                                  c.sessions().stream().map(SessionResponse::of).toList(),
                                  Neighbourhoods.orDefault(c.neighbourhoodId()));
    }
}
