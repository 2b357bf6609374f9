package community.platform.query.festival;

import community.platform.shared.festival.FestivalEventCancelledEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventRescheduledEvent;
import community.platform.shared.festival.RegistrantPromotedEvent;
import community.platform.shared.festival.RegistrationWithdrawnEvent;
import community.platform.shared.festival.ResidentRegisteredEvent;
import community.platform.shared.festival.ResidentWaitlistedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and when a festival event is, whether it is cancelled, who has a seat and who waits: what the event's own view
 * and the organizer's dashboard card both keep, folded once for both.
 */
public record EventSchedule(String venue, Instant startsAt, Instant endsAt, boolean cancelled, List<String> registered,
                            List<String> queue) {

    /** The schedule after {@code event}; unchanged by an event about anything else. */
    public EventSchedule apply(FestivalEventEvent event) {
        List<String> seats = new ArrayList<>(registered);
        List<String> waiting = new ArrayList<>(queue);
        if (event instanceof ResidentRegisteredEvent e) {
            seats.add(e.resident());
        } else if (event instanceof ResidentWaitlistedEvent e) {
            waiting.add(e.resident());
        } else if (event instanceof RegistrationWithdrawnEvent e) {
            seats.remove(e.resident());
            waiting.remove(e.resident());
        } else if (event instanceof RegistrantPromotedEvent e) {
            waiting.remove(e.resident());
            seats.add(e.resident());
        } else if (event instanceof FestivalEventRescheduledEvent e) {
            return new EventSchedule(e.venue(), e.startsAt(), e.endsAt(), cancelled, seats, waiting);
        } else if (event instanceof FestivalEventCancelledEvent) {
            return new EventSchedule(venue, startsAt, endsAt, true, seats, waiting);
        }
        return new EventSchedule(venue, startsAt, endsAt, cancelled, seats, waiting);
    }
}
