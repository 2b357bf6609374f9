package community.platform.api.volunteering;

import community.platform.api.web.LocalTime;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.VolunteerPostSummary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** A post as docs/api.md shows it, times in the platform's zone (Asia/Shanghai). */
public record PostResponse(String id, String title, String description, String team, String location,
                           OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity, int confirmed, int waitlisted,
                           PostStatus status, String organizer, OffsetDateTime signupDeadline, List<String> skills,
                           String neighbourhoodId) {

    static PostResponse of(VolunteerPostSummary post) {
        return new PostResponse(post.id(), post.title(), post.description(), post.team(), post.location(),
                                local(post.startsAt()), local(post.endsAt()), post.capacity(), post.confirmed(),
                                post.waitlisted(), post.status(), post.organizer(), local(post.signupDeadline()),
                                post.skills(), post.neighbourhoodId());
    }

    static OffsetDateTime local(Instant instant) {
        return LocalTime.of(instant);
    }
}
