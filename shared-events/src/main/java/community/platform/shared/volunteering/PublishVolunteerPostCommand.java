package community.platform.shared.volunteering;

import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

public record PublishVolunteerPostCommand(@TargetAggregateIdentifier String postId, String organizer, String title,
                                          String description, String team, String location, Instant startsAt,
                                          Instant endsAt, int capacity, Instant signupDeadline, List<String> skills,
                                          String neighbourhoodId) {

    /** In the default neighbourhood. */
    public PublishVolunteerPostCommand(String postId, String organizer, String title,
                                          String description, String team, String location, Instant startsAt,
                                          Instant endsAt, int capacity, Instant signupDeadline, List<String> skills) {
        this(postId, organizer, title, description, team, location, startsAt, endsAt, capacity, signupDeadline, skills, Neighbourhoods.DEFAULT);
    }
}
