package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

/**
 * Someone asked for erasure: of their account, or, as its guardian ({@code username}), of a child's data: the child
 * by their id, which names no one, and the enrollment named in the request. Their reason, if they gave one, is their
 * own personal data, erased with the rest of theirs.
 */
@Revision("1")
public record ErasureRequestedEvent(String requestId, ErasureSubject subject, String username, String enrollmentId,
                                    @PersonalData(subject = "username") String reason, String courseId,
                                    String childId) {

    public ErasureRequestedEvent(String requestId, ErasureSubject subject, String username, String enrollmentId,
                                 String reason) {
        this(requestId, subject, username, enrollmentId, reason, null, null);
    }
}
