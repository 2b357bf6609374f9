package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record VolunteerPostRescheduledEvent(String postId, Instant previousStartsAt, Instant previousEndsAt,
                                            Instant startsAt, Instant endsAt, String reason)
        implements VolunteerPostEvent {
}
