package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Locale;

/**
 * Holds a venue for an event at a time; refused when another event holds it at an overlapping time. Holding what the
 * event holds already changes nothing, and other times for the same event move its booking.
 */
public record BookVenueCommand(@TargetAggregateIdentifier String venueId, String venue, String eventId, String title,
                               Instant startsAt, Instant endsAt) {

    /** One calendar per venue name, however it is spaced or cased. */
    public static String venueIdOf(String venue) {
        return "venue-" + venue.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
