package community.platform.shared.courses;

/** Where a course stands: not published yet, taking enrollments, every place taken, or completed. */
public enum CourseStatus {
    DRAFT, OPEN, FULL, COMPLETED;

    /** DRAFT before publication, then OPEN or FULL by the seats taken, and COMPLETED at the end. */
    public static CourseStatus of(boolean published, boolean completed, int enrolled, int capacity) {
        if (completed) {
            return COMPLETED;
        }
        if (!published) {
            return DRAFT;
        }
        return enrolled >= capacity ? FULL : OPEN;
    }
}
