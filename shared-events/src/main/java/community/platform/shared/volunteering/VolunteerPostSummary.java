package community.platform.shared.volunteering;

import java.time.Instant;
import java.util.List;

/** A post as lists and its detail page show it. */
public record VolunteerPostSummary(String id, String title, String description, String team, String location,
                                   Instant startsAt, Instant endsAt, int capacity, int confirmed, int waitlisted,
                                   PostStatus status, String organizer, Instant signupDeadline, List<String> skills,
                                   String neighbourhoodId) {
}
