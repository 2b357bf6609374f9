package community.platform.shared.courses;

import java.time.Instant;

/** One class of a course: numbered from 1 in the order they were given, with its time and room. */
public record CourseSession(int number, Instant startsAt, Instant endsAt, String room) {

    public TimeSpan span() {
        return new TimeSpan(startsAt, endsAt);
    }
}
