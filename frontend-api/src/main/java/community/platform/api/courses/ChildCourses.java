package community.platform.api.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.shared.courses.Children;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseDetails.Enrollment;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One child of {@code GET /api/children/me}, with each course they hold a place in. */
public record ChildCourses(String childName, int childGrade, List<Place> courses) {

    /**
     * A place in a course: ENROLLED, or WAITLISTED at a position; sessions attended of those held so far, and once the
     * course is completed, the held count of its completion record and whether the child completed it.
     */
    @Schema(name = "ChildCoursePlace")
    public record Place(String courseId, String title, CourseStatus courseStatus, String enrollmentId, String status,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer waitlistPosition, long attended,
                        long held, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean completed) {

        static Place of(CourseDetails course, Enrollment e, Instant now) {
            Optional<Integer> position = course.waitlistPosition(e.enrollmentId());
            Optional<CourseCompletion> record = course.completions().stream()
                                                      .filter(c -> c.enrollmentId().equals(e.enrollmentId()))
                                                      .findFirst();
            long heldSoFar = course.sessions().stream().filter(s -> !s.cancelled() && !s.startsAt().isAfter(now))
                                   .count();
            return new Place(course.id(), course.title(), course.status(), e.enrollmentId(),
                             position.isPresent() ? "WAITLISTED" : "ENROLLED", position.orElse(null), e.attended(),
                             record.map(c -> (long) c.held()).orElse(heldSoFar),
                             record.map(CourseCompletion::completed).orElse(null));
        }
    }

    /** The guardian's children, in the order first met, each with their places in the given courses. */
    static List<ChildCourses> of(String guardian, List<CourseDetails> courses, Instant now) {
        Map<String, ChildCourses> children = new LinkedHashMap<>();
        for (CourseDetails course : courses) {
            Stream.concat(course.enrolled().stream(), course.waitlist().stream())
                  .filter(e -> e.guardian().equals(guardian))
                  .forEach(e -> children.computeIfAbsent(Children.key(guardian, e.childName()),
                                                         key -> new ChildCourses(e.childName(), e.childGrade(),
                                                                                 new ArrayList<>()))
                                        .courses().add(Place.of(course, e, now)));
        }
        return List.copyOf(children.values());
    }
}
