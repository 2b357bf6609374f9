package community.platform.shared.personal;

/**
 * A guardian asks for their child's data to be erased, naming one of the child's enrollments; the child is withdrawn
 * from every course, and an ADMIN then carries the erasure out or refuses it.
 */
public record RequestChildErasureCommand(String requestId, String courseId, String enrollmentId, String guardian,
                                         String reason) {
}
