package community.platform.shared.courses;

/** One enrolled child's record at completion: sessions attended of those held, and whether that reached 80%. */
public record CourseCompletion(String enrollmentId, String guardian, String childName, int attended, int held,
                               boolean completed) {
}
