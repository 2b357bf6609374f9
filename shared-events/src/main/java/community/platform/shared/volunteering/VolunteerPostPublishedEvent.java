package community.platform.shared.volunteering;

import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record VolunteerPostPublishedEvent(String postId, String organizer, String title, String description,
                                          String team, String location, Instant startsAt, Instant endsAt,
                                          int capacity, Instant signupDeadline, List<String> skills,
                                          String neighbourhoodId) implements VolunteerPostEvent  {

    /** An event stored before neighbourhoods names none: it belongs to the default one. */
    public VolunteerPostPublishedEvent {
        neighbourhoodId = Neighbourhoods.orDefault(neighbourhoodId);
    }

    /** In the default neighbourhood. */
    public VolunteerPostPublishedEvent(String postId, String organizer, String title, String description,
                                          String team, String location, Instant startsAt, Instant endsAt,
                                          int capacity, Instant signupDeadline, List<String> skills) {
        this(postId, organizer, title, description, team, location, startsAt, endsAt, capacity, signupDeadline, skills, Neighbourhoods.DEFAULT);
    }
}
