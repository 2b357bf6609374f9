package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

@Revision("1")
public record VolunteerPostCancelledEvent(String postId, String reason) implements VolunteerPostEvent {
}
