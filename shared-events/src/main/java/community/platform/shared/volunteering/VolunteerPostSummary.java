package community.platform.shared.volunteering;

import java.time.Instant;
import java.util.List;

/** A post as lists and its detail page show it. Status is OPEN, FULL, CANCELLED or COMPLETED. */
public record VolunteerPostSummary(String id, String title, String description, String team, String location,
                                   Instant startsAt, Instant endsAt, int capacity, int confirmed, int waitlisted,
                                   String status, String organizer, Instant signupDeadline, List<String> skills) {
}
