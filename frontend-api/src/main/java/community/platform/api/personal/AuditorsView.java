package community.platform.api.personal;

import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.volunteering.VolunteerRoster;
import org.springframework.security.core.Authentication;

import java.util.function.UnaryOperator;

/**
 * Rosters, sheets, completions and feedback as someone who oversees a record but does not run it (an auditor) sees
 * them: names and comments read {@value PersonalData#MASKED}, usernames stay. The record's organizer sees them as they
 * are. An auditor who must see the names states why on the record's audit page, where that is recorded.
 */
public final class AuditorsView {

    private AuditorsView() {
    }

    public static CourseDetails of(CourseDetails course, Authentication caller) {
        if (runs(caller, course.organizer())) {
            return course;
        }
        UnaryOperator<CourseDetails.Enrollment> mask = e -> new CourseDetails.Enrollment(
                e.enrollmentId(), e.guardian(), PersonalData.MASKED, e.childGrade(), e.marks());
        return new CourseDetails(
                course.id(), course.organizer(), course.title(), course.description(), course.instructor(),
                course.minGrade(), course.maxGrade(), course.capacity(), course.published(), course.completed(),
                course.sessions(), course.enrolled().stream().map(mask).toList(),
                course.waitlist().stream().map(mask).toList(),
                course.feedback().stream().map(f -> new CourseDetails.Feedback(f.enrollmentId(), f.guardian(),
                                                                               f.rating(), PersonalData.MASKED))
                      .toList(),
                course.completions().stream().map(c -> new CourseCompletion(c.enrollmentId(), c.guardian(),
                                                                            PersonalData.MASKED, c.attended(),
                                                                            c.held(), c.completed())).toList(),
                course.version(), course.neighbourhoodId());
    }

    public static VolunteerRoster of(VolunteerRoster roster, Authentication caller) {
        if (runs(caller, roster.organizer())) {
            return roster;
        }
        return new VolunteerRoster(roster.postId(), roster.organizer(), roster.confirmed().stream().map(
                c -> new VolunteerRoster.Confirmed(c.username(), PersonalData.MASKED, c.signedUpAt(), c.checkedInAt(),
                                                   c.checkedOutAt(), c.minutes())).toList(), roster.waitlist(),
                                   roster.version());
    }

    private static boolean runs(Authentication caller, String organizer) {
        return organizer.equals(caller.getName());
    }
}
