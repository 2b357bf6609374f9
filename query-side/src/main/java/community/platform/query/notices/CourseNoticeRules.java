package community.platform.query.notices;

import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;

import java.util.Map;

/**
 * A course's notices, to guardians: a session moved (naming a new room) or cancelled, and a child moved up from the
 * queue to a seat.
 */
final class CourseNoticeRules {

    private CourseNoticeRules() {
    }

    /** {@code title} is the course's, as its creation named it. */
    static Change of(CourseEvent event, String title) {
        if (event instanceof CourseCreatedEvent created) {
            return Change.named(created.title());
        } else if (event instanceof ChildEnrolledEvent enrolled) {
            return Change.joins(enrolled.guardian());
        } else if (event instanceof ChildWaitlistedEvent waitlisted) {
            return Change.joins(waitlisted.guardian());
        } else if (event instanceof EnrollmentWithdrawnEvent withdrawn) {
            return Change.leaves(withdrawn.guardian());
        } else if (event instanceof EnrollmentPromotedEvent promoted) {
            return Change.tell(promoted.guardian(), new Change.Told(
                    "Your child has a seat: " + title,
                    "A seat became free and your child was first in line; they are now enrolled in " + title
                            + " (enrollment " + promoted.enrollmentId() + ").",
                    "childSeat", Map.of("title", title, "enrollment", promoted.enrollmentId())));
        } else if (event instanceof CourseSessionRescheduledEvent moved) {
            return Change.tellAll(NoticeWording.rescheduled(title, moved.session().number(), moved.previous().room(),
                                                            moved.previous().startsAt(), moved.previous().endsAt(),
                                                            moved.session().room(), moved.session().startsAt(),
                                                            moved.session().endsAt(), moved.reason()));
        } else if (event instanceof CourseSessionCancelledEvent cancelled) {
            return Change.tellAll(NoticeWording.cancelled(title, cancelled.session().number(),
                                                          cancelled.session().startsAt(), cancelled.reason()));
        }
        return Change.none();
    }
}
