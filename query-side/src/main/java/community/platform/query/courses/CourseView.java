package community.platform.query.courses;

import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.AttendanceMarkedEvent;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseDetails.Enrollment;
import community.platform.shared.courses.CourseDetails.Feedback;
import community.platform.shared.courses.CourseDetails.Session;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CourseFeedbackGivenEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The course view as a pure function: the view before and one event give the view after. The live projection and a
 * rebuild from the events both go through it, so they cannot drift apart.
 */
final class CourseView {

    private CourseView() {
    }

    /** {@code before} is null for the event that creates the course; the answer carries {@code sequence}. */
    static CourseDetails apply(CourseDetails before, CourseEvent event, long sequence) {
        if (event instanceof CourseCreatedEvent c) {
            return new CourseDetails(c.courseId(), c.organizer(), c.title(), c.description(), c.instructor(),
                                     c.minGrade(), c.maxGrade(), c.capacity(), false, false,
                                     sessions(List.of(), event), List.of(), List.of(),
                                     List.of(), List.of(), sequence, c.neighbourhoodId());
        }
        boolean published = before.published();
        boolean completed = before.completed();
        List<Session> sessions = sessions(before.sessions(), event);
        List<Enrollment> enrolled = new ArrayList<>(before.enrolled());
        List<Enrollment> waitlist = new ArrayList<>(before.waitlist());
        List<Feedback> feedback = new ArrayList<>(before.feedback());
        List<CourseCompletion> completions = before.completions();
        if (event instanceof CoursePublishedEvent) {
            published = true;
        } else if (event instanceof ChildEnrolledEvent e) {
            enrolled.add(new Enrollment(e.enrollmentId(), e.guardian(), e.childName(), e.childGrade(), Map.of()));
        } else if (event instanceof ChildWaitlistedEvent e) {
            waitlist.add(new Enrollment(e.enrollmentId(), e.guardian(), e.childName(), e.childGrade(), Map.of()));
        } else if (event instanceof EnrollmentWithdrawnEvent e) {
            enrolled.removeIf(x -> x.enrollmentId().equals(e.enrollmentId()));
            waitlist.removeIf(x -> x.enrollmentId().equals(e.enrollmentId()));
        } else if (event instanceof EnrollmentPromotedEvent e) {
            waitlist.stream().filter(x -> x.enrollmentId().equals(e.enrollmentId())).findFirst().ifPresent(x -> {
                waitlist.remove(x);
                enrolled.add(x);
            });
        } else if (event instanceof AttendanceMarkedEvent e) {
            enrolled.replaceAll(x -> {
                if (!x.enrollmentId().equals(e.enrollmentId())) {
                    return x;
                }
                Map<Integer, AttendanceMark> marks = new TreeMap<>(x.marks());
                marks.put(e.sessionNo(), e.mark());
                return new Enrollment(x.enrollmentId(), x.guardian(), x.childName(), x.childGrade(), marks);
            });
        } else if (event instanceof CourseFeedbackGivenEvent e) {
            feedback.add(new Feedback(e.enrollmentId(), e.guardian(), e.rating(), e.comment()));
        } else if (event instanceof CourseCompletedEvent e) {
            completed = true;
            completions = e.records();
        }
        return new CourseDetails(before.id(), before.organizer(), before.title(), before.description(),
                                 before.instructor(), before.minGrade(), before.maxGrade(), before.capacity(),
                                 published, completed, sessions, enrolled, waitlist, feedback, completions, sequence,
                                 before.neighbourhoodId());
    }

    /** The sessions of a new course; after that, with a session moved or cancelled by {@code event}. */
    static List<Session> sessions(List<Session> before, CourseEvent event) {
        if (event instanceof CourseCreatedEvent c) {
            return c.sessions().stream().map(s -> session(s, false)).toList();
        }
        List<Session> sessions = new ArrayList<>(before);
        if (event instanceof CourseSessionRescheduledEvent e) {
            sessions.replaceAll(s -> s.number() == e.session().number() ? session(e.session(), false) : s);
        } else if (event instanceof CourseSessionCancelledEvent e) {
            sessions.replaceAll(s -> s.number() == e.session().number() ? session(e.session(), true) : s);
        }
        return sessions;
    }

    private static Session session(CourseSession s, boolean cancelled) {
        return new Session(s.number(), s.startsAt(), s.endsAt(), s.room(), cancelled);
    }
}
