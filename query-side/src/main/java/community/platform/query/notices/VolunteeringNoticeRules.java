package community.platform.query.notices;

import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;

import java.util.Map;

/**
 * A volunteer post's notices: the volunteers seated or waiting are told of a move or a cancellation, and one moved up
 * from the queue is told of their seat.
 */
final class VolunteeringNoticeRules {

    private VolunteeringNoticeRules() {
    }

    /** {@code title} is the post's, as its publication named it. */
    static Change of(VolunteerPostEvent event, String title) {
        if (event instanceof VolunteerPostPublishedEvent published) {
            return Change.named(published.title());
        } else if (event instanceof VolunteerSignedUpEvent signedUp) {
            return Change.joins(signedUp.volunteer());
        } else if (event instanceof VolunteerWaitlistedEvent waitlisted) {
            return Change.joins(waitlisted.volunteer());
        } else if (event instanceof SignUpWithdrawnEvent withdrawn) {
            return Change.leaves(withdrawn.volunteer());
        } else if (event instanceof VolunteerPromotedEvent promoted) {
            return Change.tell(promoted.volunteer(), new Change.Told(
                    "You have a seat: " + title,
                    "A seat became free and you were first in line; you are now confirmed for " + title + ".",
                    "seat", Map.of("title", title)));
        } else if (event instanceof VolunteerPostRescheduledEvent moved) {
            return Change.tellAll(NoticeWording.rescheduled(title, null, null, moved.previousStartsAt(),
                                                            moved.previousEndsAt(), null, moved.startsAt(),
                                                            moved.endsAt(), moved.reason()));
        } else if (event instanceof VolunteerPostCancelledEvent cancelled) {
            return Change.tellAll(NoticeWording.cancelled(title, null, null, cancelled.reason()));
        }
        return Change.none();
    }
}
