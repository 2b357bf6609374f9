package community.platform.query.notices;

import community.platform.shared.festival.FestivalEventCancelledEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventRescheduledEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.RegistrantPromotedEvent;
import community.platform.shared.festival.RegistrationWithdrawnEvent;
import community.platform.shared.festival.ResidentRegisteredEvent;
import community.platform.shared.festival.ResidentWaitlistedEvent;

import java.util.Map;

/**
 * A festival event's notices: residents registered or waiting are told of a move (naming a new venue) or a
 * cancellation, and one moved up from the queue is told of their place.
 */
final class FestivalNoticeRules {

    private FestivalNoticeRules() {
    }

    /** {@code title} is the event's, as its scheduling named it. */
    static Change of(FestivalEventEvent event, String title) {
        if (event instanceof FestivalEventScheduledEvent scheduled) {
            return Change.named(scheduled.title());
        } else if (event instanceof ResidentRegisteredEvent registered) {
            return Change.joins(registered.resident());
        } else if (event instanceof ResidentWaitlistedEvent waitlisted) {
            return Change.joins(waitlisted.resident());
        } else if (event instanceof RegistrationWithdrawnEvent withdrawn) {
            return Change.leaves(withdrawn.resident());
        } else if (event instanceof RegistrantPromotedEvent promoted) {
            return Change.tell(promoted.resident(), new Change.Told(
                    "You have a place: " + title,
                    "A place became free and you were first in line; you are now registered for " + title + ".",
                    "place", Map.of("title", title)));
        } else if (event instanceof FestivalEventRescheduledEvent moved) {
            return Change.tellAll(NoticeWording.rescheduled(title, null, moved.previousVenue(),
                                                            moved.previousStartsAt(), moved.previousEndsAt(),
                                                            moved.venue(), moved.startsAt(), moved.endsAt(),
                                                            moved.reason()));
        } else if (event instanceof FestivalEventCancelledEvent cancelled) {
            return Change.tellAll(NoticeWording.cancelled(title, null, null, cancelled.reason()));
        }
        return Change.none();
    }
}
