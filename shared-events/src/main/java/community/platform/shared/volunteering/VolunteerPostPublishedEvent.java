package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record VolunteerPostPublishedEvent(String postId, String organizer, String title, String description,
                                          String team, String location, Instant startsAt, Instant endsAt,
                                          int capacity, Instant signupDeadline, List<String> skills)
        implements VolunteerPostEvent {
}
