package community.platform.shared.courses;

/** Where a course stands: not published yet, taking enrollments, every place taken, or completed. */
public enum CourseStatus {
    DRAFT, OPEN, FULL, COMPLETED
}
