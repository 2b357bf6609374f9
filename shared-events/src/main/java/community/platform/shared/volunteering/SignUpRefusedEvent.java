package community.platform.shared.volunteering;

import community.platform.shared.RuleViolation;
import org.axonframework.serialization.Revision;

/**
 * A sign-up request was refused after it was made: it overlapped a duty the volunteer held (the refusal names it), or
 * the post was cancelled, or a newer request of the same volunteer replaced it.
 */
@Revision("1")
public record SignUpRefusedEvent(String postId, String volunteer, String requestId, RuleViolation refusal)
        implements VolunteerPostEvent {
}
