package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A series of duties was published: its pattern as given, and each occurrence, a post to be, with its own id. */
@Revision("1")
public record PostSeriesPublishedEvent(String seriesId, String organizer, String title, String description,
                                       String team, String location, int capacity, String neighbourhoodId,
                                       String rrule, List<Occurrence> occurrences) {

    /** One date of the series: the post it is, and its times. */
    public record Occurrence(String postId, Instant startsAt, Instant endsAt) {
    }
}
