package community.platform.shared.organizers;

import community.platform.shared.courses.CourseStatus;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.EventStatus;
import community.platform.shared.volunteering.PostStatus;

import java.time.Instant;
import java.util.List;

/**
 * An organizer's volunteer posts and festival events, soonest first, and their courses (drafts included) by first
 * session, each with its counts and its status as the lists show it.
 */
public record OrganizerDashboard(List<Post> posts, List<Event> events, List<Course> courses) {

    public record Post(String id, String title, String team, String location, Instant startsAt, Instant endsAt,
                       int capacity, int confirmed, int waitlisted, PostStatus status) {
    }

    public record Event(String id, String title, EventKind kind, String venue, Instant startsAt, Instant endsAt,
                        int capacity, int registered, int waitlisted, EventStatus status) {
    }

    public record Course(String id, String title, String instructor, int minGrade, int maxGrade, int sessions,
                         int capacity, int enrolled, int waitlisted, CourseStatus status) {
    }
}
