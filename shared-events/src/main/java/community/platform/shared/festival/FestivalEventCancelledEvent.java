package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

@Revision("1")
public record FestivalEventCancelledEvent(String eventId, String reason) implements FestivalEventEvent {
}
