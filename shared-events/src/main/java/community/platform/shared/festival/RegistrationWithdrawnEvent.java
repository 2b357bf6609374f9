package community.platform.shared.festival;

import org.axonframework.serialization.Revision;

@Revision("1")
public record RegistrationWithdrawnEvent(String eventId, String resident, boolean registered)
        implements FestivalEventEvent {
}
