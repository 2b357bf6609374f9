package community.platform.shared.festival;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Locale;

/** Books a venue for an event; refused when another event holds it at an overlapping time. */
public record BookVenueCommand(@TargetAggregateIdentifier String venueId, String venue, String eventId, String title,
                               Instant startsAt, Instant endsAt) {

    /** One calendar per venue name, however it is spaced or cased. */
    public static String venueIdOf(String venue) {
        return "venue-" + venue.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
