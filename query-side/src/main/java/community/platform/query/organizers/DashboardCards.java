package community.platform.query.organizers;

import com.fasterxml.jackson.annotation.JsonProperty;
import community.platform.query.views.ViewCodec;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.CourseStatus;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.query.festival.EventSchedule;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.EventStatus;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.organizers.OrganizerDashboard;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's cards as pure functions of the card before and one event. Each keeps who holds a place and who
 * waits, so its counts follow seats, queues and withdrawals as the records' own views do; statuses that depend on the
 * time are worked out when read.
 */
final class DashboardCards {

    private DashboardCards() {
    }

    record PostCard(@JsonProperty("_id") String id, String organizer, String title, String team, String location,
                    Instant startsAt, Instant endsAt, int capacity, boolean cancelled, List<String> seats,
                    List<String> queue) {

        static PostCard apply(PostCard before, VolunteerPostEvent event) {
            if (event instanceof VolunteerPostPublishedEvent p) {
                return new PostCard(p.postId(), p.organizer(), p.title(), p.team(), p.location(), p.startsAt(),
                                    p.endsAt(), p.capacity(), false, List.of(), List.of());
            }
            List<String> seats = new ArrayList<>(before.seats());
            List<String> queue = new ArrayList<>(before.queue());
            Instant startsAt = before.startsAt();
            Instant endsAt = before.endsAt();
            boolean cancelled = before.cancelled();
            if (event instanceof VolunteerSignedUpEvent e) {
                seats.add(e.volunteer());
            } else if (event instanceof VolunteerWaitlistedEvent e) {
                queue.add(e.volunteer());
            } else if (event instanceof SignUpWithdrawnEvent e) {
                seats.remove(e.volunteer());
                queue.remove(e.volunteer());
            } else if (event instanceof VolunteerPromotedEvent e) {
                queue.remove(e.volunteer());
                seats.add(e.volunteer());
            } else if (event instanceof VolunteerPostRescheduledEvent e) {
                startsAt = e.startsAt();
                endsAt = e.endsAt();
            } else if (event instanceof VolunteerPostCancelledEvent) {
                cancelled = true;
            }
            return new PostCard(before.id(), before.organizer(), before.title(), before.team(), before.location(),
                                startsAt, endsAt, before.capacity(), cancelled, seats, queue);
        }

        OrganizerDashboard.Post answer(Instant now) {
            PostStatus status = cancelled ? PostStatus.CANCELLED : !endsAt.isAfter(now) ? PostStatus.COMPLETED
                    : seats.size() >= capacity ? PostStatus.FULL : PostStatus.OPEN;
            return new OrganizerDashboard.Post(id, title, team, location, startsAt, endsAt, capacity, seats.size(),
                                               queue.size(), status);
        }

        Document toDocument(long lastSequence) {
            return ViewCodec.toDocument(this).append("lastSequence", lastSequence);
        }

        static PostCard from(Document stored) {
            return ViewCodec.fromDocument(stored, PostCard.class);
        }
    }

    record EventCard(@JsonProperty("_id") String id, String organizer, String title, EventKind kind, String venue,
                     Instant startsAt, Instant endsAt, int capacity, boolean cancelled, List<String> registered,
                     List<String> queue) {

        static EventCard apply(EventCard before, FestivalEventEvent event) {
            if (event instanceof FestivalEventScheduledEvent s) {
                return new EventCard(s.eventId(), s.organizer(), s.title(), s.kind(), s.venue(), s.startsAt(),
                                     s.endsAt(), s.capacity(), false, List.of(), List.of());
            }
            EventSchedule after = new EventSchedule(before.venue(), before.startsAt(), before.endsAt(),
                                                    before.cancelled(), before.registered(), before.queue())
                    .apply(event);
            return new EventCard(before.id(), before.organizer(), before.title(), before.kind(), after.venue(),
                                 after.startsAt(), after.endsAt(), before.capacity(), after.cancelled(),
                                 after.registered(), after.queue());
        }

        OrganizerDashboard.Event answer(Instant now) {
            EventStatus status = cancelled ? EventStatus.CANCELLED : !endsAt.isAfter(now) ? EventStatus.FINISHED
                    : registered.size() >= capacity ? EventStatus.FULL : EventStatus.OPEN;
            return new OrganizerDashboard.Event(id, title, kind, venue, startsAt, endsAt, capacity, registered.size(),
                                                queue.size(), status);
        }

        Document toDocument(long lastSequence) {
            return ViewCodec.toDocument(this).append("lastSequence", lastSequence);
        }

        static EventCard from(Document stored) {
            return ViewCodec.fromDocument(stored, EventCard.class);
        }
    }

    /** Enrolled and waiting children by enrollment id; sessions by number with their start, for the order. */
    record CourseCard(@JsonProperty("_id") String id, String organizer, String title, String instructor,
                      int minGrade, int maxGrade, int capacity, boolean published, boolean completed,
                      Map<Integer, Instant> sessions, List<String> enrolled, List<String> waitlist) {

        static CourseCard apply(CourseCard before, CourseEvent event) {
            if (event instanceof CourseCreatedEvent c) {
                Map<Integer, Instant> sessions = new TreeMap<>();
                c.sessions().forEach(session -> sessions.put(session.number(), session.startsAt()));
                return new CourseCard(c.courseId(), c.organizer(), c.title(), c.instructor(), c.minGrade(),
                                      c.maxGrade(), c.capacity(), false, false, sessions, List.of(), List.of());
            }
            Map<Integer, Instant> sessions = new TreeMap<>(before.sessions());
            List<String> enrolled = new ArrayList<>(before.enrolled());
            List<String> waitlist = new ArrayList<>(before.waitlist());
            boolean published = before.published();
            boolean completed = before.completed();
            if (event instanceof CoursePublishedEvent) {
                published = true;
            } else if (event instanceof CourseCompletedEvent) {
                completed = true;
            } else if (event instanceof ChildEnrolledEvent e) {
                enrolled.add(e.enrollmentId());
            } else if (event instanceof ChildWaitlistedEvent e) {
                waitlist.add(e.enrollmentId());
            } else if (event instanceof EnrollmentWithdrawnEvent e) {
                enrolled.remove(e.enrollmentId());
                waitlist.remove(e.enrollmentId());
            } else if (event instanceof EnrollmentPromotedEvent e && waitlist.remove(e.enrollmentId())) {
                enrolled.add(e.enrollmentId());
            } else if (event instanceof CourseSessionRescheduledEvent e) {
                CourseSession session = e.session();
                sessions.put(session.number(), session.startsAt());
            }
            return new CourseCard(before.id(), before.organizer(), before.title(), before.instructor(),
                                  before.minGrade(), before.maxGrade(), before.capacity(), published, completed,
                                  sessions, enrolled, waitlist);
        }

        OrganizerDashboard.Course answer() {
            CourseStatus status = completed ? CourseStatus.COMPLETED : !published ? CourseStatus.DRAFT
                    : enrolled.size() >= capacity ? CourseStatus.FULL : CourseStatus.OPEN;
            return new OrganizerDashboard.Course(id, title, instructor, minGrade, maxGrade, sessions.size(), capacity,
                                                 enrolled.size(), waitlist.size(), status);
        }

        /** Null for a course without sessions, which the rules do not let an organizer make. */
        Date firstStartsAt() {
            return sessions.values().stream().min(Instant::compareTo).map(Date::from).orElse(null);
        }

        Document toDocument(long lastSequence) {
            return ViewCodec.toDocument(this).append("firstStartsAt", firstStartsAt())
                            .append("lastSequence", lastSequence);
        }

        static CourseCard from(Document stored) {
            return ViewCodec.fromDocument(stored, CourseCard.class);
        }
    }
}
