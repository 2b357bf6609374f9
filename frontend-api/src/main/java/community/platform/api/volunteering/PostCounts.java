package community.platform.api.volunteering;

import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.VolunteerPostSummary;

/** The data of each {@code counts} event of {@code GET /api/volunteer-posts/{id}/stream}. */
public record PostCounts(String id, int capacity, int confirmed, int waitlisted, PostStatus status) {

    static PostCounts of(VolunteerPostSummary post) {
        return new PostCounts(post.id(), post.capacity(), post.confirmed(), post.waitlisted(), post.status());
    }
}
