package community.platform.shared.festival;

import community.platform.shared.ErrorCode;
import org.axonframework.serialization.Revision;

/** Reschedule request {@code request} was turned down; the event keeps its venue and times. */
@Revision("1")
public record FestivalEventRescheduleRejectedEvent(String eventId, int request, ErrorCode code, String detail,
                                                   String subject) implements FestivalEventEvent {
}
