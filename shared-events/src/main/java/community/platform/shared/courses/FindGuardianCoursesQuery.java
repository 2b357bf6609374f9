package community.platform.shared.courses;

/** Every course where the guardian has enrolled (or queued) a child, as {@link CourseDetails}. */
public record FindGuardianCoursesQuery(String guardian) {
}
