package community.platform.api.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.shared.courses.CourseDetails;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * {@code GET /api/courses/{id}/feedback}: the average rating (null without feedback) and how many gave it; the
 * comments only for the course's organizer and auditors.
 */
public record FeedbackSummary(Double average, int count,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<Comment> comments) {

    @Schema(name = "FeedbackComment")
    public record Comment(int rating, String comment) {
    }

    static FeedbackSummary of(CourseDetails course, boolean withComments) {
        return new FeedbackSummary(course.averageRating(), course.feedback().size(), !withComments ? null
                : course.feedback().stream().map(f -> new Comment(f.rating(), f.comment())).toList());
    }
}
