package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

/**
 * Someone asked for erasure: of their account, or of their child's data ({@code enrollmentId} names one of the
 * child's enrollments). Their reason, if they gave one, is their own personal data, erased with the rest.
 */
@Revision("1")
public record ErasureRequestedEvent(String requestId, ErasureSubject subject, String username, String enrollmentId,
                                    @PersonalData(subject = "username") String reason) {
}
