package community.platform.api.courses;

import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseDetails.Enrollment;

import java.util.List;
import java.util.stream.IntStream;

/** {@code GET /api/courses/{id}/roster}: the children holding a seat, and those waiting, next in line first. */
public record CourseRoster(List<EnrolledChild> enrolled, List<WaitingChild> waitlist) {

    public record EnrolledChild(String enrollmentId, String childName, int childGrade, String guardian) {
    }

    /** Position 1 is next in line. */
    public record WaitingChild(String enrollmentId, String childName, int childGrade, String guardian, int position) {
    }

    static CourseRoster of(CourseDetails course) {
        List<Enrollment> waiting = course.waitlist();
        return new CourseRoster(
                course.enrolled().stream().map(e -> new EnrolledChild(e.enrollmentId(), e.childName(), e.childGrade(),
                                                                      e.guardian())).toList(),
                IntStream.range(0, waiting.size()).mapToObj(i -> new WaitingChild(
                        waiting.get(i).enrollmentId(), waiting.get(i).childName(), waiting.get(i).childGrade(),
                        waiting.get(i).guardian(), i + 1)).toList());
    }
}
