package community.platform.shared.festival;

import community.platform.shared.ErrorCode;
import org.axonframework.serialization.Revision;

/** The event's venue was taken, so it never opens; {@code subject} names the event that holds the venue. */
@Revision("1")
public record FestivalEventRejectedEvent(String eventId, ErrorCode code, String detail, String subject)
        implements FestivalEventEvent {
}
