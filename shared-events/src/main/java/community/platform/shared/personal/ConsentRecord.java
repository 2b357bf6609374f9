package community.platform.shared.personal;

import java.time.Instant;

/**
 * A guardian's consent to the notice on children's data, given when they asked to enroll a child, and when they
 * withdrew it (by asking for the child's data to be erased), or null.
 */
public record ConsentRecord(String enrollmentId, String courseId, String courseTitle, String version, Instant givenAt,
                            Instant withdrawnAt) {
}
